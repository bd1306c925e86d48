import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { CurrencySet } from './domain/currency.js';

/** The ledger's configuration, read once from the validated environment. */
@Injectable()
export class LedgerSettings {
  readonly currencies: CurrencySet;
  readonly allowOverdraftDefault: boolean;

  constructor(config: ConfigService<Environment, true>) {
    this.currencies = CurrencySet.fromList(config.get('LEDGER_CURRENCIES', { infer: true }));
    this.allowOverdraftDefault = config.get('LEDGER_ALLOW_OVERDRAFT', { infer: true });
  }
}
