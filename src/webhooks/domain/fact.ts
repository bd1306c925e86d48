import type { FactStream, WebhookEventType } from './event-types.js';

/** Something that happened, read from its stream: the ledger's log or the recon outbox. */
export interface Fact {
  readonly stream: FactStream;
  /** Position in its stream (transfers.position, webhook_outbox.id): increasing, never visible out of order. */
  readonly position: string;
  /** The same for every subscription, attempt and replay: receivers deduplicate on it. */
  readonly eventId: string;
  readonly type: WebhookEventType;
  readonly createdAt: Date;
  readonly data: object;
}

/** The body of a webhook request (docs/webhooks.md), its key order fixed here. */
export function envelopeOf(fact: Fact): string {
  return JSON.stringify({ id: fact.eventId, type: fact.type, created_at: fact.createdAt.toISOString(), stream: fact.stream, position: fact.position, data: fact.data });
}

/**
 * Both streams' new facts as one queue: each stream keeps its own order (by position), and the two are interleaved
 * by time, so a subscription to both sees them roughly as they happened.
 */
export function mergeFacts(ledger: readonly Fact[], recon: readonly Fact[]): Fact[] {
  const merged: Fact[] = [];
  let [l, r] = [0, 0];
  while (l < ledger.length || r < recon.length) {
    const takeLedger = r >= recon.length || (l < ledger.length && ledger[l].createdAt <= recon[r].createdAt);
    merged.push(takeLedger ? ledger[l++] : recon[r++]);
  }
  return merged;
}
