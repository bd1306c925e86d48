import { ValidationFailed } from '../../common/errors/domain-error.js';

/**
 * The event types a subscription can ask for, and where each comes from: `ledger` facts are read from the event
 * log (`transfers`, keyed by `transfers.position`), `recon` facts from `webhook_outbox`, which reconciliation
 * jobs write in their own transactions. A stored type name never changes; a new fact gets a new name.
 */
export const webhookEventTypes = ['transfer.posted', 'recon.job.completed', 'recon.job.failed', 'recon.unmatched_above_threshold'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export type FactStream = 'ledger' | 'recon';

const streamOf: Readonly<Record<WebhookEventType, FactStream>> = {
  'transfer.posted': 'ledger',
  'recon.job.completed': 'recon',
  'recon.job.failed': 'recon',
  'recon.unmatched_above_threshold': 'recon',
};

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (webhookEventTypes as readonly string[]).includes(value);
}

export function streamOfEventType(type: WebhookEventType): FactStream {
  return streamOf[type];
}

/** Whether a subscription to `types` reads the ledger at all (a subscription to recon facts only never scans it). */
export function readsLedger(types: readonly WebhookEventType[]): boolean {
  return types.some((type) => streamOf[type] === 'ledger');
}

/** A subscription's list of types: at least one, each known, no repeats (the order given is kept). */
export function parseEventTypes(values: readonly string[], field: string, typesMax: number): WebhookEventType[] {
  if (values.length === 0) throw ValidationFailed.field(field, `must name at least one of ${webhookEventTypes.join(', ')}`);
  if (values.length > typesMax) throw ValidationFailed.field(field, `must name at most ${typesMax} types`);
  const unknown = values.filter((value) => !isWebhookEventType(value));
  if (unknown.length > 0) throw ValidationFailed.field(field, `unknown event type ${unknown.join(', ')}; the types are ${webhookEventTypes.join(', ')}`);
  return [...new Set(values as WebhookEventType[])];
}
