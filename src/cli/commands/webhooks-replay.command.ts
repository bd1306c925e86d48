import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';

interface ReplayOptions {
  id?: string;
  fromLedgerPosition?: string;
  fromReconPosition?: string;
  delivery?: string;
}

/** `webhooks:replay --id ID --from_ledger_position N` (or `--from_recon_position N`), or `webhooks:replay --delivery ID`. */
@Command({ name: 'webhooks:replay', description: 'Deliver again: one stream from a position (--id with --from_*), or one --delivery' })
export class WebhooksReplayCommand extends CommandRunner {
  async run(_: string[], options: ReplayOptions): Promise<void> {
    const positions = [options.fromLedgerPosition, options.fromReconPosition].filter((value) => value !== undefined).length;
    if (options.delivery !== undefined) {
      if (options.id !== undefined || positions > 0) throw ValidationFailed.field('--delivery', 'replays one delivery: give it alone');
    } else {
      if (!options.id) throw ValidationFailed.field('--id', 'is required (or give --delivery)');
      if (positions !== 1) throw ValidationFailed.field('--from_ledger_position', 'give --from_ledger_position or --from_recon_position');
    }
    const { replayWebhook } = await import('../jobs/webhooks.job.js');
    await replayWebhook(options);
  }

  @Option({ flags: '--id <uuid>', description: 'The subscription' })
  parseId(value: string): string {
    return value;
  }

  @Option({ flags: '--from_ledger_position <position>', name: 'fromLedgerPosition', description: 'Every transfer.posted from this ledger position on' })
  parseLedger(value: string): string {
    return value;
  }

  @Option({ flags: '--from_recon_position <position>', name: 'fromReconPosition', description: 'Every recon fact from this outbox position on' })
  parseRecon(value: string): string {
    return value;
  }

  @Option({ flags: '--delivery <id>', description: 'One delivery, sent again after everything pending' })
  parseDelivery(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) throw ValidationFailed.field('--delivery', 'must be a delivery id: a positive integer');
    return value;
  }
}
