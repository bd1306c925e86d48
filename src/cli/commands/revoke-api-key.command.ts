import { Command, CommandRunner, Option } from 'nest-commander';
import { ApiKeyStore } from '../../auth/api-key.store.js';
import { cliActor } from '../cli-actor.js';

/** `revoke-api-key --name NAME` (or `--id UUID`): the key stops working on the next request. */
@Command({ name: 'revoke-api-key', description: 'Revoke an active API key by --name or --id' })
export class RevokeApiKeyCommand extends CommandRunner {
  constructor(private readonly apiKeys: ApiKeyStore) {
    super();
  }

  async run(_: string[], options: { name?: string; id?: string }): Promise<void> {
    const revoked = await this.apiKeys.revoke(options, cliActor());
    console.log(`Revoked API key ${revoked.name} (id ${revoked.id}, prefix ${revoked.prefix}).`);
  }

  @Option({ flags: '--name <name>', description: 'The name of the active key' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--id <uuid>', description: 'The id of the key (printed by create-api-key)' })
  parseId(value: string): string {
    return value;
  }
}
