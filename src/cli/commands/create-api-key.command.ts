import { Command, CommandRunner, Option } from 'nest-commander';
import { parseScopeList, scopes } from '../../auth/scopes.js';
import { cliActor } from '../cli-actor.js';

/**
 * `create-api-key --name NAME --scopes a,b`: prints what was created, then the key alone on the last line.
 * The key is shown only here; Tally keeps only its hash.
 */
@Command({ name: 'create-api-key', description: `Create an API key; scopes: ${scopes.join(', ')}` })
export class CreateApiKeyCommand extends CommandRunner {
  async run(_: string[], options: { name?: string; scopes?: string }): Promise<void> {
    const requested = parseScopeList(options.scopes);
    const { createApiKey } = await import('../jobs/api-keys.job.js');
    await createApiKey(options.name, requested);
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
