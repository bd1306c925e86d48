import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { CurrencySet } from './domain/currency.js';
import type { GroupCommitLimits } from './infrastructure/write/group-commit-queue.js';

/** The ledger's configuration, read once from the validated environment. */
@Injectable()
export class LedgerSettings {
  readonly currencies: CurrencySet;
  readonly allowOverdraftDefault: boolean;
  readonly groupCommit: GroupCommitLimits;

  constructor(config: ConfigService<Environment, true>) {
    this.currencies = CurrencySet.fromList(config.get('LEDGER_CURRENCIES', { infer: true }));
    this.allowOverdraftDefault = config.get('LEDGER_ALLOW_OVERDRAFT', { infer: true });
    const batchMax = config.get('LEDGER_BATCH_MAX', { infer: true });
    this.groupCommit = {
      batchEntriesMax: batchMax,
      // A batch request of up to 1,000 transfers still travels whole: it goes alone when larger than the limit.
      batchItemsMax: batchMax,
      batchWaitMicroseconds: config.get('LEDGER_BATCH_WAIT_MICROSECONDS', { infer: true }),
      queueEntriesMax: config.get('LEDGER_WRITE_QUEUE_MAX', { infer: true }),
      lanes: config.get('LEDGER_WRITE_LANES', { infer: true }),
    };
  }
}
