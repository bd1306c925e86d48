import { ValidationFailed } from '../common/errors/domain-error.js';

/** Every scope a credential can carry. `admin` satisfies every other scope. */
export const scopes = ['ledger:read', 'ledger:write', 'recon:run', 'recon:read', 'admin'] as const;
export type Scope = (typeof scopes)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (scopes as readonly string[]).includes(value);
}

export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.includes('admin') || held.includes(needed);
}

/** `a,b` from the CLI: every entry must be a known scope, so a typo never creates a key that silently can do less. */
export function parseScopeList(raw: string | undefined, flag = '--scopes'): Scope[] {
  const entries = (raw ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw ValidationFailed.field(flag, `is required: a comma-separated list of ${scopes.join(', ')}`);
  const unknown = entries.filter((entry) => !isScope(entry));
  if (unknown.length > 0) throw ValidationFailed.field(flag, `unknown scope ${unknown.join(', ')}; the scopes are ${scopes.join(', ')}`);
  return [...new Set(entries as Scope[])];
}
