import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { webhookEventTypes } from '../../webhooks/domain/event-types.js';

/** `webhooks:create --url URL --event_types a,b`: prints the subscription, then its signing secret alone on the last line. */
@Command({ name: 'webhooks:create', description: 'Subscribe a URL to webhook event types; prints the signing secret last' })
export class WebhooksCreateCommand extends CommandRunner {
  async run(_: string[], options: { url?: string; eventTypes?: string; description?: string }): Promise<void> {
    if (!options.url) throw ValidationFailed.field('--url', 'is required');
    if (!options.eventTypes) throw ValidationFailed.field('--event_types', `is required: a comma-separated list of ${webhookEventTypes.join(', ')}`);
    const { createWebhook } = await import('../jobs/webhooks.job.js');
    await createWebhook({ url: options.url, eventTypes: listOf(options.eventTypes), description: options.description });
  }

  @Option({ flags: '--url <url>', description: 'http(s) URL of the receiver (not a private address unless WEBHOOK_ALLOW_PRIVATE_URLS=true)' })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--event_types <list>', name: 'eventTypes', description: `Comma-separated: ${webhookEventTypes.join(', ')}` })
  parseEventTypes(value: string): string {
    return value;
  }

  @Option({ flags: '--description <text>', description: 'A label for people' })
  parseDescription(value: string): string {
    return value;
  }
}

export function listOf(value: string): string[] {
  return value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}
