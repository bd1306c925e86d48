import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cursorParts, decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { SqlParams } from '../../database/sql-params.js';
import { formatAmount } from '../domain/money.js';
import { accountView, type AccountView, type BalanceView, type EventView, type Page, type StatementLineView, type TransferView } from '../queries/views.js';

export interface EventFilter {
  accountId?: string;
  transferId?: string;
  type?: string;
  /** Return events with a position greater than this. */
  after?: string;
}

/** Every filter is optional; several are combined with AND. */
export interface TransferFilter {
  /** Value time, inclusive. */
  occurredFrom?: Date;
  /** Value time, exclusive. */
  occurredTo?: Date;
  /** Only transfers from or to this account. */
  accountId?: string;
  reference?: string;
  currency?: string;
  /** Top-level metadata keys that must hold exactly these strings. */
  metadata?: Record<string, string>;
}

/**
 * `asc`/`desc`: by log position (the transfer's first event), which never shows a transfer before one that
 * commits later with a lower position, so paging while transfers are written skips nothing.
 * `value_time`: by (occurred_at, id), for reading one settled value-time window in a single pass (recon):
 * its range index keeps each page a short range scan.
 */
export type TransferOrder = 'asc' | 'desc' | 'value_time';

export interface AccountFilter {
  currency?: string;
  type?: string;
  metadata?: Record<string, string>;
}

const transferColumns = `id, source_account_id, destination_account_id, amount::text AS amount, currency, reference, metadata, status, created_at, occurred_at, position`;
/** position is a bigint, which pg hands over as a string; selected uncast so ORDER BY position sorts numbers. */
type TransferRow = TransferView & { created_at: Date; occurred_at: Date; position: string };

const accountColumns = `a.id, a.currency, a.type, a.metadata, a.allow_overdraft, a.overdraft_limit::text AS overdraft_limit,
  a.created_at, b.balance::text AS balance, b.version, b.updated_at`;

type AccountRow = Omit<AccountView, 'created_at'> & { created_at: Date; version: string; updated_at: Date };

/** The cursor of each transfer order: the order's name first, so a cursor only continues its own order. */
const transferCursorParts = {
  asc: [cursorParts.literal('asc'), cursorParts.position],
  desc: [cursorParts.literal('desc'), cursorParts.position],
  value_time: [cursorParts.literal('value_time'), cursorParts.timestamp, cursorParts.uuid],
} as const;

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

  async accounts(filter: AccountFilter, limit: number, cursor?: string): Promise<Page<AccountView>> {
    const params = new SqlParams();
    const conditions: string[] = [];
    if (filter.currency !== undefined) conditions.push(`a.currency = ${params.add(filter.currency)}`);
    if (filter.type !== undefined) conditions.push(`a.type = ${params.add(filter.type)}`);
    if (filter.metadata !== undefined) conditions.push(`a.metadata @> ${params.add(JSON.stringify(filter.metadata))}::jsonb`);
    if (cursor !== undefined) {
      const [createdAt, id] = decodeCursor(cursor, [cursorParts.timestamp, cursorParts.uuid]);
      conditions.push(`(a.created_at, a.id) > (${params.add(createdAt)}::timestamptz, ${params.add(id)}::uuid)`);
    }
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT ${accountColumns} FROM accounts a JOIN account_balances b ON b.account_id = a.id
       ${where(conditions)} ORDER BY a.created_at, a.id LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return pageOf(rows, limit, toAccountView, (last) => encodeCursor([last.created_at.toISOString(), last.id]));
  }

  async transfer(id: string): Promise<TransferView | undefined> {
    const rows: TransferRow[] = await this.dataSource.query(`SELECT ${transferColumns} FROM transfers WHERE id = $1`, [id]);
    return rows[0] && toTransferView(rows[0]);
  }

  async transfers(filter: TransferFilter, limit: number, cursor?: string, order: TransferOrder = 'value_time'): Promise<Page<TransferView>> {
    const params = new SqlParams();
    const conditions: string[] = [];
    if (filter.occurredFrom !== undefined) conditions.push(`occurred_at >= ${params.add(filter.occurredFrom.toISOString())}::timestamptz`);
    if (filter.occurredTo !== undefined) conditions.push(`occurred_at < ${params.add(filter.occurredTo.toISOString())}::timestamptz`);
    if (filter.reference !== undefined) conditions.push(`reference = ${params.add(filter.reference)}`);
    if (filter.currency !== undefined) conditions.push(`currency = ${params.add(filter.currency)}`);
    if (filter.metadata !== undefined) conditions.push(`metadata @> ${params.add(JSON.stringify(filter.metadata))}::jsonb`);
    if (cursor !== undefined) conditions.push(afterTransferCursor(params, order, decodeCursor(cursor, transferCursorParts[order])));
    const orderBy = order === 'value_time' ? 'occurred_at, id' : `${positionKey(filter)} ${order}`;
    const limitParam = params.add(limit + 1);
    const select = (extra: string[]) => `SELECT ${transferColumns} FROM transfers ${where([...extra, ...conditions])} ORDER BY ${orderBy} LIMIT ${limitParam}`;
    // Either side of an account is its own ordered index scan ((source|destination)_account_id, position);
    // the two sorted halves merge, where an OR would read every transfer of the account and sort them.
    const account = filter.accountId === undefined ? undefined : params.add(filter.accountId);
    const sql = account === undefined
      ? select([])
      : `SELECT * FROM ((${select([`source_account_id = ${account}::uuid`])}) UNION ALL (${select([`destination_account_id = ${account}::uuid`])})) t
         ORDER BY ${orderBy} LIMIT ${limitParam}`;
    const rows: TransferRow[] = await this.dataSource.query(sql, params.values);
    return pageOf(rows, limit, toTransferView, (last) => encodeCursor(transferCursorKey(order, last)));
  }

  /** Statement lines are written after the commit, so the newest posting may appear a moment later. */
  async statement(accountId: string, limit: number, afterVersion = '0'): Promise<Page<StatementLineView>> {
    const rows: (Omit<StatementLineView, 'version' | 'occurred_at'> & { version: string; occurred_at: Date })[] = await this.dataSource.query(
      `SELECT version::text AS version, transfer_id, counterparty_account_id, direction, amount::text AS amount, currency,
              balance_after::text AS balance_after, reference, occurred_at
       FROM account_statement_lines WHERE account_id = $1 AND version > $2::bigint ORDER BY account_statement_lines.version LIMIT $3`,
      [accountId, afterVersion, limit + 1],
    );
    const line = (row: (typeof rows)[number]): StatementLineView => ({
      ...row,
      version: Number(row.version),
      amount: formatAmount(row.amount, row.currency),
      balance_after: formatAmount(row.balance_after, row.currency),
      occurred_at: row.occurred_at.toISOString(),
    });
    return pageOf(rows, limit, line, (last) => last.version);
  }

  async events(filter: EventFilter, limit: number): Promise<Page<EventView>> {
    const rows: (Omit<EventView, 'occurred_at'> & { occurred_at: Date })[] = await this.dataSource.query(
      `SELECT id, position::text AS position, type, stream_id AS account_id, payload->>'transfer_id' AS transfer_id,
              payload->>'amount' AS amount, payload->>'currency' AS currency, payload->>'balance_after' AS balance_after, occurred_at, metadata
       FROM events
       WHERE ($1::uuid IS NULL OR stream_id = $1) AND ($2::text IS NULL OR payload->>'transfer_id' = $2)
         AND ($3::text IS NULL OR type = $3) AND position > $4::bigint
       ORDER BY events.position LIMIT $5`,
      [filter.accountId ?? null, filter.transferId ?? null, filter.type ?? null, filter.after ?? '0', limit + 1],
    );
    const event = (row: (typeof rows)[number]): EventView => ({
      ...row,
      amount: row.amount && row.currency ? formatAmount(row.amount, row.currency) : null,
      balance_after: row.balance_after && row.currency ? formatAmount(row.balance_after, row.currency) : null,
      occurred_at: row.occurred_at.toISOString(),
    });
    return pageOf(rows, limit, event, (last) => last.position);
  }
}

/** Rows read with LIMIT limit + 1: the extra row only tells whether there is a next page, so next_cursor is null on the last one. */
function pageOf<Row, View>(rows: Row[], limit: number, view: (row: Row) => View, cursorOf: (last: Row) => string): Page<View> {
  const data = rows.slice(0, limit);
  return { data: data.map(view), next_cursor: rows.length > limit ? cursorOf(data[data.length - 1]) : null };
}

function where(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/**
 * With a value-time bound, `position + 0` keeps the planner from walking the position index and filtering on
 * occurred_at: it assumes the rows of a range are spread evenly over the log, but value time follows record
 * time, so a narrow range far from the cursor meant reading most of the table. Reading the range through its
 * own index and sorting it costs the size of the range instead.
 */
function positionKey(filter: TransferFilter): string {
  return filter.occurredFrom !== undefined || filter.occurredTo !== undefined ? 'position + 0' : 'position';
}

function afterTransferCursor(params: SqlParams, order: TransferOrder, key: string[]): string {
  if (order === 'value_time') return `(occurred_at, id) > (${params.add(key[1])}::timestamptz, ${params.add(key[2])}::uuid)`;
  return `position ${order === 'asc' ? '>' : '<'} ${params.add(key[1])}::bigint`;
}

function transferCursorKey(order: TransferOrder, row: TransferRow): string[] {
  return order === 'value_time' ? [order, row.occurred_at.toISOString(), row.id] : [order, row.position];
}

function toTransferView({ position: _position, ...row }: TransferRow): TransferView {
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
