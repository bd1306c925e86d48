import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';
import { isoCurrencyCodes } from '../../ledger/domain/currency.js';

/** What the ledger's write side counts: transfers posted and refused, and responses replayed for a repeated Idempotency-Key. */
@Injectable()
export class LedgerMetrics {
  private readonly posted: Counter<'currency'>;
  private readonly refused: Counter<'currency' | 'code'>;
  private readonly replays: Counter<'command'>;

  constructor({ registry }: MetricsRegistry) {
    this.posted = new Counter({ name: 'tally_transfers_posted_total', help: 'Transfers committed, by currency', labelNames: ['currency'], registers: [registry] });
    this.refused = new Counter({ name: 'tally_transfers_refused_total', help: 'Transfers refused by a rule, by currency and error code', labelNames: ['currency', 'code'], registers: [registry] });
    this.replays = new Counter({ name: 'tally_idempotent_replays_total', help: 'Requests answered with the stored response of their Idempotency-Key, by command', labelNames: ['command'], registers: [registry] });
  }

  transferPosted(currency: string): void {
    this.posted.inc({ currency });
  }

  transferRefused(currency: string, code: string): void {
    // The currency comes from the request: unknown codes share one series, so a client cannot mint thousands.
    this.refused.inc({ currency: isoCurrencyCodes.includes(currency) ? currency : 'other', code });
  }

  replayed(command: 'transfer' | 'create_account'): void {
    this.replays.inc({ command });
  }
}
