import { Command, CommandRunner, Option } from 'nest-commander';
import { ApiKeyStore } from '../../auth/api-key.store.js';
import { parseScopeList, scopes } from '../../auth/scopes.js';
import { cliActor } from '../cli-actor.js';

/**
 * `create-api-key --name NAME --scopes a,b`: prints what was created, then the key alone on the last line
 * so scripts can take it with `tail -n 1`. The key is shown only here; Tally keeps only its hash.
 */
@Command({ name: 'create-api-key', description: `Create an API key; scopes: ${scopes.join(', ')}` })
export class CreateApiKeyCommand extends CommandRunner {
  constructor(private readonly apiKeys: ApiKeyStore) {
    super();
  }

  async run(_: string[], options: { name?: string; scopes?: string }): Promise<void> {
    const requested = parseScopeList(options.scopes);
    const created = await this.apiKeys.create(options.name, requested, cliActor());
    console.log(`Created API key ${created.name} (id ${created.id}, prefix ${created.prefix}) with scopes ${created.scopes.join(', ')}.`);
    console.log('Store it now: it is not shown again. Send it as "Authorization: Bearer <key>".');
    console.log(created.key);
  }

  @Option({ flags: '--name <name>', description: 'A unique name; recorded as the actor of every write made with the key' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--scopes <list>', description: `Comma-separated: ${scopes.join(', ')}` })
  parseScopes(value: string): string {
    return value;
  }
}
