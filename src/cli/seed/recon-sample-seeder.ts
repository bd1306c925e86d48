import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CreateAccountCommand } from '../../ledger/commands/create-account/create-account.command.js';
import { TransferCommand } from '../../ledger/commands/transfer/transfer.command.js';
import { parseAmount } from '../../ledger/domain/money.js';
import { seedContext } from './seed-context.js';

/** The ledger side of data/bank_dump.csv: 2 exact matches and 1 fuzzy (TXN1003X, 0.01 and 3 minutes off). */
const sampleTransfers = [
  { key: '1001', reference: 'TXN-1001', amount: '1250.00', occurredAt: '2025-07-13T09:14:30Z' },
  { key: '1002', reference: 'TXN-1002', amount: '89.99', occurredAt: '2025-07-13T11:40:00Z' },
  { key: '1003', reference: 'TXN1003X', amount: '420.01', occurredAt: '2025-07-13T14:00:00Z' },
];

/** Creates the ledger transfers the sample bank file reconciles against; safe to run twice. */
@Injectable()
export class ReconSampleSeeder {
  constructor(private readonly commandBus: CommandBus) {}

  async seed(): Promise<{ merchantAccountId: string; transferIds: string[] }> {
    const bank = await this.commandBus.execute(new CreateAccountCommand('USD', 'internal', { name: 'Bank Settlement' }, true, null, seedContext('seed-recon-account-bank')));
    const merchant = await this.commandBus.execute(new CreateAccountCommand('USD', 'merchant', { name: 'Sample Merchant' }, false, null, seedContext('seed-recon-account-merchant')));
    const transferIds: string[] = [];
    for (const sample of sampleTransfers) {
      const transfer = await this.commandBus.execute(
        new TransferCommand(bank.id, merchant.id, parseAmount(sample.amount, 'USD'), 'USD', sample.reference, { source: 'bank' }, new Date(sample.occurredAt), seedContext(`seed-recon-transfer-${sample.key}`)),
      );
      transferIds.push(transfer.id);
    }
    return { merchantAccountId: merchant.id, transferIds };
  }
}
