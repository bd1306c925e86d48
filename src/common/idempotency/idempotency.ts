import { DomainError } from '../errors/domain-error.js';

/** An Idempotency-Key header, scoped to one kind of request, with a fingerprint of the request body. */
export interface IdempotencyRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** The first response given for a key. */
export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'conflict', 'This Idempotency-Key was already used with a different request body');
  }
}

/** The stored body when the same request is repeated; a different body under the same key is refused. */
export function replay<T>(stored: StoredResponse, request: IdempotencyRequest): T {
  if (stored.requestHash !== request.fingerprint) throw new IdempotencyKeyReused();
  return stored.body as T;
}
