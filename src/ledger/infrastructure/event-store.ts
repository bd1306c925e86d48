/** Who caused a write and why; stored with every event. */
export interface EventMetadata {
  correlation_id?: string;
  causation_id?: string;
  idempotency_key?: string;
  actor?: string;
  actor_name?: string;
}

/** The "previous hash" before the first event and before the first block: 32 zero bytes. */
export const genesisHash = Buffer.alloc(32);
