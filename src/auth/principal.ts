import type { Scope } from './scopes.js';

/**
 * Who sent a request. `id` is the identity, immutable: `key:<API key id>` or `jwt:<sub>`; it scopes
 * idempotency keys and is stored as `actor` with every event a request writes. `name` is a label for
 * people (the key's name, or `jwt:<sub>`): a revoked key's name can be given to a new key, so nothing may
 * be keyed by it.
 */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
}

/** The guard attaches the principal here; RequestContext reads it back. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
