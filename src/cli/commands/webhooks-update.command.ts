import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { webhookEventTypes } from '../../webhooks/domain/event-types.js';
import { listOf } from './webhooks-create.command.js';

/** `webhooks:update --id ID [--url URL] [--event_types a,b] [--description TEXT]`: fix a receiver's URL, then resume. */
@Command({ name: 'webhooks:update', description: 'Change a webhook subscription: --url, --event_types, --description' })
export class WebhooksUpdateCommand extends CommandRunner {
  async run(_: string[], options: { id?: string; url?: string; eventTypes?: string; description?: string }): Promise<void> {
    if (!options.id) throw ValidationFailed.field('--id', 'is required');
    if (options.url === undefined && options.eventTypes === undefined && options.description === undefined) {
      throw ValidationFailed.field('--url', 'give at least one of --url, --event_types, --description');
    }
    const { updateWebhook } = await import('../jobs/webhooks.job.js');
    await updateWebhook(options.id, { url: options.url, eventTypes: options.eventTypes === undefined ? undefined : listOf(options.eventTypes), description: options.description });
  }

  @Option({ flags: '--id <uuid>', description: 'The subscription' })
  parseId(value: string): string {
    return value;
  }

  @Option({ flags: '--url <url>', description: 'The new receiver URL' })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--event_types <list>', name: 'eventTypes', description: `Comma-separated: ${webhookEventTypes.join(', ')}` })
  parseEventTypes(value: string): string {
    return value;
  }

  @Option({ flags: '--description <text>', description: 'A label for people ("" removes it)' })
  parseDescription(value: string): string {
    return value;
  }
}
