import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The log becomes a chain of blocks, one per committed batch, so the chain's lock is held only by a batch's
 * append and released by its commit:
 * - from here on, each event's `hash` is its own: sha256(tally_event_canonical(...)), position included;
 * - each batch appends one `event_blocks` row covering its positions [first_position, last_position] with
 *   hash = sha256(previous block's hash || the batch's event hashes in position order);
 * - `event_chain` stays the head (last position, last block's hash, and now the last block's number).
 * Block 0, the genesis block, covers the events chained the old way (each event's hash chained to its
 * predecessor's, scheme 'event_chain'); its hash is that chain's head, so the first new block links to it.
 */
export class EventBlocks1764160000000 implements MigrationInterface {
  name = 'EventBlocks1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE event_blocks (
        block bigint PRIMARY KEY CHECK (block >= 0),
        first_position bigint NOT NULL CHECK (first_position >= 1),
        last_position bigint NOT NULL CHECK (last_position >= first_position - 1),
        previous_hash bytea NOT NULL CHECK (length(previous_hash) = 32),
        hash bytea NOT NULL CHECK (length(hash) = 32),
        -- 'event_chain': each event's hash chains its predecessor's (the genesis block only);
        -- 'block': each event's hash is its own and the block hashes them in order.
        scheme text NOT NULL CHECK (scheme IN ('event_chain', 'block')),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TRIGGER event_blocks_append_only BEFORE UPDATE OR DELETE ON event_blocks
        FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER event_blocks_no_truncate BEFORE TRUNCATE ON event_blocks
        FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();

      INSERT INTO event_blocks (block, first_position, last_position, previous_hash, hash, scheme)
        SELECT 0, 1, last_position, '\\x0000000000000000000000000000000000000000000000000000000000000000', last_hash, 'event_chain'
        FROM event_chain WHERE id = 1;

      ALTER TABLE event_chain ADD COLUMN last_block bigint NOT NULL DEFAULT 0;

      -- An event's own hash under the block scheme; the append and verify both call it, so they cannot disagree.
      CREATE FUNCTION tally_event_hash(p_position bigint, p_id uuid, p_stream_id uuid, p_stream_version bigint, p_type text,
          p_schema_version int, p_payload jsonb, p_metadata jsonb, p_occurred_at timestamptz, p_recorded_at timestamptz)
        RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT sha256(convert_to(tally_event_canonical(p_position, p_id, p_stream_id, p_stream_version, p_type, p_schema_version,
                                                         p_payload, p_metadata, p_occurred_at, p_recorded_at), 'UTF8'))
        $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION tally_event_hash;
      ALTER TABLE event_chain DROP COLUMN last_block;
      DROP TABLE event_blocks;
    `);
  }
}
