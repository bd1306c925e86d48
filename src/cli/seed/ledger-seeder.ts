import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateAccountCommand } from '../../ledger/commands/create-account/create-account.command.js';
import { TransferCommand } from '../../ledger/commands/transfer/transfer.command.js';
import { parseAmount } from '../../ledger/domain/money.js';
import { GetBalanceQuery } from '../../ledger/queries/get-balance.query.js';
import { seedContext } from './seed-context.js';

export interface SeededAccount {
  name: string;
  id: string;
  balance: string;
}

/**
 * The seed's sample flow: Internal Float, Alice and Bob in USD; Float -> Alice 500 (funding),
 * Alice -> Bob 100 (payment), Bob -> Alice 50 (refund). Ends at Alice 450.00, Bob 50.00, Float -500.00.
 */
@Injectable()
export class LedgerSeeder {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  async seed(): Promise<SeededAccount[]> {
    const float = await this.open('float', 'internal', { name: 'Internal Float' }, true);
    const alice = await this.open('alice', 'user', { name: 'Alice' }, false);
    const bob = await this.open('bob', 'user', { name: 'Bob' }, false);
    await this.transfer('funding', float, alice, '500.00', 'SEED-FUNDING-001', 'Funding');
    await this.transfer('payment', alice, bob, '100.00', 'SEED-PAYMENT-001', 'Payment');
    await this.transfer('refund', bob, alice, '50.00', 'SEED-REFUND-001', 'Refund');
    const accounts: [string, string][] = [
      ['Internal Float', float],
      ['Alice', alice],
      ['Bob', bob],
    ];
    return Promise.all(accounts.map(async ([name, id]) => ({ name, id, balance: (await this.queryBus.execute(new GetBalanceQuery(id))).balance })));
  }

  private async open(key: string, type: string, metadata: Record<string, unknown>, allowOverdraft: boolean): Promise<string> {
    const account = await this.commandBus.execute(new CreateAccountCommand('USD', type, metadata, allowOverdraft, null, seedContext(`seed-account-${key}`)));
    return account.id;
  }

  private async transfer(key: string, source: string, destination: string, amount: string, reference: string, description: string): Promise<void> {
    await this.commandBus.execute(
      new TransferCommand(source, destination, parseAmount(amount, 'USD'), 'USD', reference, { description }, null, seedContext(`seed-transfer-${key}`)),
    );
  }
}
