import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';

const statuses = ['active', 'paused', 'deleted'] as const;

@Command({ name: 'webhooks:list', description: 'List webhook subscriptions with their status and positions' })
export class WebhooksListCommand extends CommandRunner {
  async run(_: string[], options: { status?: (typeof statuses)[number] }): Promise<void> {
    const { listWebhooks } = await import('../jobs/webhooks.job.js');
    await listWebhooks(options.status);
  }

  @Option({ flags: '--status <status>', description: 'active, paused or deleted (default: all but deleted)' })
  parseStatus(value: string): string {
    if (!(statuses as readonly string[]).includes(value)) throw ValidationFailed.field('--status', `must be one of ${statuses.join(', ')}`);
    return value;
  }
}
