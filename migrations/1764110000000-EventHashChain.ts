import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence: every event carries hash = sha256(previous event's hash || canonical text of every
 * stored field), one chain in position order. `event_chain` holds the head (last position and hash); each
 * append locks it, takes the next positions from it (so positions are gapless and in commit order) and
 * advances it in the same statement. Events written before this migration are chained here, in order.
 */
export class EventHashChain1764110000000 implements MigrationInterface {
  name = 'EventHashChain1764110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- The one canonical text of an event; verify and the append both use it, so they cannot disagree.
      CREATE FUNCTION tally_event_canonical(p_position bigint, p_id uuid, p_stream_id uuid, p_stream_version bigint, p_type text,
          p_schema_version int, p_payload jsonb, p_metadata jsonb, p_occurred_at timestamptz, p_recorded_at timestamptz)
        RETURNS text LANGUAGE sql STABLE AS $$
          SELECT concat_ws('|', p_position, p_id, p_stream_id, p_stream_version, p_type, p_schema_version, p_payload::text, p_metadata::text,
                           (extract(epoch FROM p_occurred_at) * 1000000)::bigint, (extract(epoch FROM p_recorded_at) * 1000000)::bigint)
        $$;

      CREATE TABLE event_chain (
        id int PRIMARY KEY CHECK (id = 1),
        last_position bigint NOT NULL,
        last_hash bytea NOT NULL CHECK (length(last_hash) = 32)
      );

      ALTER TABLE events ADD COLUMN hash bytea;
      ALTER TABLE events DISABLE TRIGGER events_append_only;
      DO $$
      DECLARE
        previous bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000';
        last_pos bigint := 0;
        e events%ROWTYPE;
      BEGIN
        FOR e IN SELECT * FROM events ORDER BY position LOOP
          previous := sha256(previous || convert_to(tally_event_canonical(e.position, e.id, e.stream_id, e.stream_version, e.type,
                        e.schema_version, e.payload, e.metadata, e.occurred_at, e.recorded_at), 'UTF8'));
          UPDATE events SET hash = previous WHERE position = e.position;
          last_pos := e.position;
        END LOOP;
        INSERT INTO event_chain (id, last_position, last_hash) VALUES (1, last_pos, previous);
      END $$;
      ALTER TABLE events ENABLE TRIGGER events_append_only;
      ALTER TABLE events ALTER COLUMN hash SET NOT NULL;
      ALTER TABLE events ADD CONSTRAINT events_hash_length CHECK (length(hash) = 32);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE events DROP COLUMN hash;
      DROP TABLE event_chain;
      DROP FUNCTION tally_event_canonical;
    `);
  }
}
