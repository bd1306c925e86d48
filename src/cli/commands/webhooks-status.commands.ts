import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import type { StatusAction } from '../../webhooks/commands/change-subscription-status.js';

/** pause, resume and delete: one subscription by --id. */
abstract class StatusCommand extends CommandRunner {
  protected abstract readonly action: StatusAction;

  async run(_: string[], options: { id?: string }): Promise<void> {
    if (!options.id) throw ValidationFailed.field('--id', 'is required');
    const { setWebhookStatus } = await import('../jobs/webhooks.job.js');
    await setWebhookStatus(options.id, this.action);
  }

  @Option({ flags: '--id <uuid>', description: 'The subscription' })
  parseId(value: string): string {
    return value;
  }
}

@Command({ name: 'webhooks:pause', description: 'Stop delivering to a subscription at its current delivery' })
export class WebhooksPauseCommand extends StatusCommand {
  protected readonly action = 'pause';
}

@Command({ name: 'webhooks:resume', description: 'Deliver again from where a subscription paused, in order' })
export class WebhooksResumeCommand extends StatusCommand {
  protected readonly action = 'resume';
}

@Command({ name: 'webhooks:delete', description: 'Stop delivering to a subscription for good (kept as a record)' })
export class WebhooksDeleteCommand extends StatusCommand {
  protected readonly action = 'delete';
}
