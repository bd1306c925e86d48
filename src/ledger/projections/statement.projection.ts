import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccountCredited, AccountDebited } from '../events/index.js';

/**
 * The `account_statement_lines` read model: one line per posting, with counterparty and reference, for
 * statements. Updated after the commit (it is not needed to read one's own balance); keyed by
 * (account, version), so a replayed or rebuilt event is a no-op.
 */
@EventsHandler(AccountDebited, AccountCredited)
export class StatementProjection implements IEventHandler<AccountDebited | AccountCredited> {
  constructor(private readonly dataSource: DataSource) {}

  async handle(event: AccountDebited | AccountCredited): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO account_statement_lines (account_id, version, transfer_id, counterparty_account_id, direction, amount, currency, balance_after, reference, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [
        event.accountId,
        event.version,
        event.transferId,
        event.counterpartyAccountId,
        event.type === 'AccountDebited' ? 'debit' : 'credit',
        event.amount.toFixed(),
        event.currency,
        event.balanceAfter.toFixed(),
        event.reference,
        event.occurredAt.toISOString(),
      ],
    );
  }
}
