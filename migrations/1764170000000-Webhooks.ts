import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks, and the record of jobs that must run once across replicas.
 *
 * - `webhook_subscriptions`: where to send which event types, the signing secret (and the previous one during a
 *   rotation), and two cursors: the last ledger position (`transfers.position`) and the last `webhook_outbox` id
 *   already turned into deliveries. Ledger facts are read from the log itself, so the write path writes nothing.
 * - `webhook_outbox`: reconciliation facts, written in the job's own transaction under an advisory lock, so ids are
 *   handed out in commit order and a reader paging by id never skips one that commits late (like `events`).
 * - `webhook_deliveries`: one row per (subscription, fact) in the order it must be delivered (`id`), with the body
 *   sent (stored as text, byte for byte); `webhook_attempts`: every attempt with its status, latency and error.
 * - `scheduled_runs`: one row per periodic job (retention, verify): the replica that claimed the current run and
 *   its result. Claiming is an UPDATE that succeeds only when the last run is older than the job's interval.
 */
export class Webhooks1764170000000 implements MigrationInterface {
  name = 'Webhooks1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        description text CHECK (length(description) <= 200),
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        status text NOT NULL CHECK (status IN ('active', 'paused', 'deleted')),
        paused_at timestamptz,
        paused_reason text,
        ledger_position bigint NOT NULL CHECK (ledger_position >= 0),
        recon_position bigint NOT NULL CHECK (recon_position >= 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL)),
        CHECK ((status = 'paused') = (paused_at IS NOT NULL))
      );
      CREATE INDEX webhook_subscriptions_created ON webhook_subscriptions (created_at, id);

      CREATE TABLE webhook_outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL CHECK (type ~ '^[a-z_]+(\\.[a-z_]+)+$'),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TRIGGER webhook_outbox_append_only BEFORE UPDATE OR DELETE ON webhook_outbox FOR EACH ROW EXECUTE FUNCTION tally_refuse_mutation();
      CREATE TRIGGER webhook_outbox_no_truncate BEFORE TRUNCATE ON webhook_outbox FOR EACH STATEMENT EXECUTE FUNCTION tally_refuse_mutation();

      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        stream text NOT NULL CHECK (stream IN ('ledger', 'recon')),
        position bigint NOT NULL,
        body text NOT NULL, -- text, not jsonb: every attempt and replay sends the same bytes
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'cancelled')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_error text,
        replay_of bigint REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        CHECK ((status = 'pending') = (finished_at IS NULL))
      );
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subscription_id, id) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
      CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE status <> 'pending';

      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code int,
        latency_ms int NOT NULL CHECK (latency_ms >= 0),
        error text
      );
      CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
      CREATE INDEX webhook_attempts_attempted ON webhook_attempts (attempted_at);

      CREATE TABLE scheduled_runs (
        job text PRIMARY KEY CHECK (job ~ '^[a-z_]+$'),
        holder text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        ok boolean,
        result jsonb
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE scheduled_runs, webhook_attempts, webhook_deliveries, webhook_outbox, webhook_subscriptions`);
  }
}
