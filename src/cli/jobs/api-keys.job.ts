import { ApiKeyStore } from '../../auth/api-key.store.js';
import { AuthModule } from '../../auth/auth.module.js';
import type { Scope } from '../../auth/scopes.js';
import { cliActor } from '../cli-actor.js';
import { withCommandContext } from '../command-context.js';

/** Prints what was created, then the key alone on the last line so scripts can take it with `tail -n 1`. */
export async function createApiKey(name: string | undefined, scopes: Scope[]): Promise<void> {
  const created = await withCommandContext({ imports: [AuthModule] }, (context) => context.get(ApiKeyStore).create(name, scopes, cliActor()));
  console.log(`Created API key ${created.name} (id ${created.id}, prefix ${created.prefix}) with scopes ${created.scopes.join(', ')}.`);
  console.log('Store it now: it is not shown again. Send it as "Authorization: Bearer <key>".');
  console.log(created.key);
}

export async function revokeApiKey(selector: { name?: string; id?: string }): Promise<void> {
  const revoked = await withCommandContext({ imports: [AuthModule] }, (context) => context.get(ApiKeyStore).revoke(selector, cliActor()));
  console.log(`Revoked API key ${revoked.name} (id ${revoked.id}, prefix ${revoked.prefix}).`);
}
