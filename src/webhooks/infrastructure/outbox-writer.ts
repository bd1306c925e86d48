import { randomUUID } from 'node:crypto';

/** Any constant works, the same in every replica. ('whoutbx' in ASCII, truncated to fit a JavaScript number.) */
const outboxLockKey = 0x77686f7574;

/** A fact for webhooks, written by the module where it happened. */
export interface OutboxFact {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

interface Transaction {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Appends facts to `webhook_outbox` inside the caller's transaction, so a fact exists exactly when what it reports
 * committed. The transaction-level advisory lock is taken just before the insert and held until the commit: ids
 * are then handed out in commit order, and the dispatcher, which pages by id, never sees a higher id before a
 * lower one and cannot skip a fact that commits late (the same property `events` gets from its chain lock). Recon
 * jobs finish rarely, so serialising their last statement costs nothing that matters. Gaps (a rolled-back
 * insert's id) are harmless: readers page with `id > cursor`.
 */
export async function appendOutboxFacts(tx: Transaction, facts: readonly OutboxFact[]): Promise<void> {
  if (facts.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [outboxLockKey]);
  await tx.query(
    `INSERT INTO webhook_outbox (event_id, type, payload)
     SELECT event_id, type, payload FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS fact (event_id, type, payload, ordinal) ORDER BY ordinal`,
    [facts.map(() => randomUUID()), facts.map((fact) => fact.type), facts.map((fact) => JSON.stringify(fact.payload))],
  );
}
