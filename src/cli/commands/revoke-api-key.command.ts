import { Command, CommandRunner, Option } from 'nest-commander';

/** `revoke-api-key --name NAME` (or `--id UUID`): every replica refuses the key within a second (docs/auth.md). */
@Command({ name: 'revoke-api-key', description: 'Revoke an active API key by --name or --id' })
export class RevokeApiKeyCommand extends CommandRunner {
  async run(_: string[], options: { name?: string; id?: string }): Promise<void> {
    const { revokeApiKey } = await import('../jobs/api-keys.job.js');
    await revokeApiKey(options);
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
