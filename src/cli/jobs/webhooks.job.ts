import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { ChangeSubscriptionStatusCommand, type StatusAction } from '../../webhooks/commands/change-subscription-status.js';
import { CreateSubscriptionCommand } from '../../webhooks/commands/create-subscription.js';
import { ReplayDeliveryCommand, ReplayFromPositionCommand } from '../../webhooks/commands/replay.js';
import { RotateSecretCommand } from '../../webhooks/commands/rotate-secret.js';
import { UpdateSubscriptionCommand, type SubscriptionUpdate } from '../../webhooks/commands/update-subscription.js';
import { ListSubscriptionsQuery } from '../../webhooks/queries/webhook.queries.js';
import type { SubscriptionView } from '../../webhooks/queries/views.js';
import { WebhooksCoreModule } from '../../webhooks/webhooks-core.module.js';
import { cliActor } from '../cli-actor.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';

/** The webhook commands run the API's commands in-process (never the dispatcher: the server delivers). */
function withBuses<T>(work: (buses: { commands: CommandBus; queries: QueryBus }) => Promise<T>): Promise<T> {
  return withCommandContext({ imports: [CqrsModule.forRoot(), WebhooksCoreModule] }, (context) => work({ commands: context.get(CommandBus), queries: context.get(QueryBus) }));
}

function describe(subscription: SubscriptionView): string {
  const paused = subscription.status === 'paused' ? ` (${subscription.paused_reason})` : '';
  return `Webhook subscription ${subscription.id}: ${subscription.status}${paused}, ${subscription.url}, ${subscription.event_types.join(', ')}`;
}

/** Prints the subscription, then its secret alone on the last line (`tail -n 1`), the only time it is shown. */
export async function createWebhook(options: { url: string; eventTypes: string[]; description?: string; secret?: string }): Promise<void> {
  const created = await withBuses(({ commands }) => commands.execute(new CreateSubscriptionCommand(options.url, options.eventTypes, options.description, options.secret, cliActor())));
  console.log(`Created ${describe(created)}.`);
  console.log('Store the signing secret with the receiver now: it is not shown again.');
  console.log(created.secret);
}

export async function listWebhooks(status?: 'active' | 'paused' | 'deleted'): Promise<void> {
  const rows = await withBuses(async ({ queries }) => {
    const all: SubscriptionView[] = [];
    let cursor: string | undefined;
    do {
      const page = await queries.execute(new ListSubscriptionsQuery(status, 500, cursor));
      all.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return all;
  });
  if (rows.length === 0) return console.log('No webhook subscriptions.');
  printTable(rows.map((row) => ({ id: row.id, status: row.status, url: row.url, event_types: row.event_types.join(','), ledger_position: row.ledger_position, recon_position: row.recon_position })));
}

export async function updateWebhook(id: string, update: SubscriptionUpdate): Promise<void> {
  console.log(`Updated ${describe(await withBuses(({ commands }) => commands.execute(new UpdateSubscriptionCommand(id, update, cliActor()))))}.`);
}

export async function setWebhookStatus(id: string, action: StatusAction): Promise<void> {
  console.log(describe(await withBuses(({ commands }) => commands.execute(new ChangeSubscriptionStatusCommand(id, action, cliActor())))));
}

export async function rotateWebhookSecret(id: string, overlapSeconds: number): Promise<void> {
  const rotated = await withBuses(({ commands }) => commands.execute(new RotateSecretCommand(id, overlapSeconds, undefined, cliActor())));
  const until = rotated.previous_secret_expires_at ? `the previous secret signs too until ${rotated.previous_secret_expires_at}` : 'the previous secret no longer signs';
  console.log(`Rotated the secret of ${rotated.id}; ${until}. The new secret:`);
  console.log(rotated.secret);
}

export async function replayWebhook(options: { id?: string; fromLedgerPosition?: string; fromReconPosition?: string; delivery?: string }): Promise<void> {
  await withBuses(async ({ commands }) => {
    if (options.delivery) {
      const replay = await commands.execute(new ReplayDeliveryCommand(options.delivery, cliActor()));
      return console.log(`Queued delivery ${replay.id}, a replay of ${options.delivery} (${replay.event_type} ${replay.event_id}).`);
    }
    const [stream, position] = options.fromLedgerPosition ? (['ledger', options.fromLedgerPosition] as const) : (['recon', options.fromReconPosition!] as const);
    const result = await commands.execute(new ReplayFromPositionCommand(options.id!, stream, position, cliActor()));
    console.log(`Replaying ${stream} facts from position ${position} to ${options.id}; ${result.cancelled_deliveries} pending deliveries cancelled (they go out again in order).`);
  });
}
