import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { rotationOverlapSecondsMax } from '../../webhooks/domain/limits.js';

/** `webhooks:rotate-secret --id ID [--overlap_seconds N]`: prints the new secret alone on the last line. */
@Command({ name: 'webhooks:rotate-secret', description: 'New signing secret; the old one signs too for --overlap_seconds' })
export class WebhooksRotateSecretCommand extends CommandRunner {
  async run(_: string[], options: { id?: string; overlapSeconds?: number }): Promise<void> {
    if (!options.id) throw ValidationFailed.field('--id', 'is required');
    const { rotateWebhookSecret } = await import('../jobs/webhooks.job.js');
    await rotateWebhookSecret(options.id, options.overlapSeconds ?? 86_400);
  }

  @Option({ flags: '--id <uuid>', description: 'The subscription' })
  parseId(value: string): string {
    return value;
  }

  @Option({ flags: '--overlap_seconds <seconds>', name: 'overlapSeconds', description: 'Both secrets sign this long (default 86400)' })
  parseOverlap(value: string): number {
    if (!/^\d{1,7}$/.test(value) || Number(value) > rotationOverlapSecondsMax) throw ValidationFailed.field('--overlap_seconds', `must be an integer from 0 to ${rotationOverlapSecondsMax}`);
    return Number(value);
  }
}
