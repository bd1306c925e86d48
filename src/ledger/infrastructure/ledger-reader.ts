import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { formatAmount } from '../domain/money.js';
import { accountView, type AccountView, type BalanceView, type EventView, type Page, type StatementLineView, type TransferView } from '../queries/views.js';

export interface EventFilter {
  accountId?: string;
  transferId?: string;
  type?: string;
  /** Return events with a position greater than this. */
  after?: string;
}

export interface TransferFilter {
  /** Inclusive. */
  occurredFrom: Date;
  /** Exclusive. */
  occurredTo: Date;
  /** Only transfers from or to this account. */
  accountId?: string;
}

const transferColumns = `id, source_account_id, destination_account_id, amount::text AS amount, currency, reference, metadata, status, created_at, occurred_at`;
type TransferRow = TransferView & { created_at: Date; occurred_at: Date };

const accountColumns = `a.id, a.currency, a.type, a.metadata, a.allow_overdraft, a.overdraft_limit::text AS overdraft_limit,
  a.created_at, b.balance::text AS balance, b.version, b.updated_at`;

type AccountRow = Omit<AccountView, 'created_at'> & { created_at: Date; version: string; updated_at: Date };

/** The ledger's read side: plain SQL over the tables the commands and projections keep. */
@Injectable()
export class LedgerReader {
  constructor(private readonly dataSource: DataSource) {}

  async account(id: string): Promise<AccountView | undefined> {
    const rows: AccountRow[] = await this.dataSource.query(`SELECT ${accountColumns} FROM accounts a JOIN account_balances b ON b.account_id = a.id WHERE a.id = $1`, [id]);
    return rows[0] && toAccountView(rows[0]);
  }

  async balance(id: string): Promise<BalanceView | undefined> {
    const rows: { account_id: string; currency: string; balance: string; version: string; as_of: Date }[] = await this.dataSource.query(
      `SELECT account_id, currency, balance::text AS balance, version, now() AS as_of FROM account_balances WHERE account_id = $1`,
      [id],
    );
    const row = rows[0];
    return row && { account_id: row.account_id, currency: row.currency, balance: formatAmount(row.balance, row.currency), version: Number(row.version), as_of: row.as_of.toISOString() };
  }

  async accounts(limit: number, cursor?: string): Promise<Page<AccountView>> {
    const [createdAt, id] = cursor ? decodeCursor(cursor, 2) : [];
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT ${accountColumns} FROM accounts a JOIN account_balances b ON b.account_id = a.id
       WHERE $1::timestamptz IS NULL OR (a.created_at, a.id) > ($1::timestamptz, $2::uuid)
       ORDER BY a.created_at, a.id LIMIT $3`,
      [createdAt ?? null, id ?? null, limit],
    );
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    return { data: rows.map(toAccountView), next_cursor: last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
  }

  async transfer(id: string): Promise<TransferView | undefined> {
    const rows: TransferRow[] = await this.dataSource.query(`SELECT ${transferColumns} FROM transfers WHERE id = $1`, [id]);
    return rows[0] && toTransferView(rows[0]);
  }

  async transfers(filter: TransferFilter, limit: number, cursor?: string): Promise<Page<TransferView>> {
    const [occurredAt, id] = cursor ? decodeCursor(cursor, 2) : [];
    const rows: TransferRow[] = await this.dataSource.query(
      `SELECT ${transferColumns} FROM transfers
       WHERE occurred_at >= $1 AND occurred_at < $2
         AND ($3::uuid IS NULL OR source_account_id = $3 OR destination_account_id = $3)
         AND ($4::timestamptz IS NULL OR (occurred_at, id) > ($4::timestamptz, $5::uuid))
       ORDER BY occurred_at, id LIMIT $6`,
      [filter.occurredFrom.toISOString(), filter.occurredTo.toISOString(), filter.accountId ?? null, occurredAt ?? null, id ?? null, limit],
    );
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    return { data: rows.map(toTransferView), next_cursor: last ? encodeCursor([last.occurred_at.toISOString(), last.id]) : null };
  }

  /** Statement lines are written after the commit, so the newest posting may appear a moment later. */
  async statement(accountId: string, limit: number, afterVersion = '0'): Promise<Page<StatementLineView>> {
    const rows: (Omit<StatementLineView, 'version' | 'occurred_at'> & { version: string; occurred_at: Date })[] = await this.dataSource.query(
      `SELECT version::text AS version, transfer_id, counterparty_account_id, direction, amount::text AS amount, currency,
              balance_after::text AS balance_after, reference, occurred_at
       FROM account_statement_lines WHERE account_id = $1 AND version > $2::bigint ORDER BY account_statement_lines.version LIMIT $3`,
      [accountId, afterVersion, limit],
    );
    const data = rows.map((row) => ({
      ...row,
      version: Number(row.version),
      amount: formatAmount(row.amount, row.currency),
      balance_after: formatAmount(row.balance_after, row.currency),
      occurred_at: row.occurred_at.toISOString(),
    }));
    return { data, next_cursor: rows.length === limit ? rows[rows.length - 1].version : null };
  }

  async events(filter: EventFilter, limit: number): Promise<Page<EventView>> {
    const rows: (Omit<EventView, 'occurred_at'> & { occurred_at: Date })[] = await this.dataSource.query(
      `SELECT id, position::text AS position, type, stream_id AS account_id, payload->>'transfer_id' AS transfer_id,
              payload->>'amount' AS amount, payload->>'currency' AS currency, payload->>'balance_after' AS balance_after, occurred_at, metadata
       FROM events
       WHERE ($1::uuid IS NULL OR stream_id = $1) AND ($2::text IS NULL OR payload->>'transfer_id' = $2)
         AND ($3::text IS NULL OR type = $3) AND position > $4::bigint
       ORDER BY events.position LIMIT $5`,
      [filter.accountId ?? null, filter.transferId ?? null, filter.type ?? null, filter.after ?? '0', limit],
    );
    const data = rows.map((row) => ({
      ...row,
      amount: row.amount && row.currency ? formatAmount(row.amount, row.currency) : null,
      balance_after: row.balance_after && row.currency ? formatAmount(row.balance_after, row.currency) : null,
      occurred_at: row.occurred_at.toISOString(),
    }));
    return { data, next_cursor: rows.length === limit ? rows[rows.length - 1].position : null };
  }
}

function toTransferView(row: TransferRow): TransferView {
  return { ...row, amount: formatAmount(row.amount, row.currency), created_at: row.created_at.toISOString(), occurred_at: row.occurred_at.toISOString() };
}

function toAccountView(row: AccountRow): AccountView {
  return accountView({
    id: row.id,
    currency: row.currency,
    type: row.type,
    metadata: row.metadata,
    allowOverdraft: row.allow_overdraft,
    overdraftLimit: row.overdraft_limit,
    balance: row.balance,
    createdAt: row.created_at,
  });
}
