import type { Scope } from './scopes.js';

/** Who sent a request: an API key's name or `jwt:<sub>`. Stored as `actor` with every event a request writes. */
export interface Principal {
  readonly name: string;
  readonly scopes: readonly Scope[];
}

/** The guard attaches the principal here; RequestContext reads it back. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
