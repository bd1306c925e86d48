import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { replay, type IdempotencyRequest, type StoredResponse } from '../../../common/idempotency/idempotency.js';
import { Decimal } from '../../../common/money/decimal.js';
import { DatabaseUnavailable, isDatabaseUnavailable, isRetryable, isUniqueViolationOf, sqlState } from '../../../database/database-errors.js';
import { describeForLog } from '../../../common/http/error-log.js';
import { Account, type AccountState } from '../../domain/account.js';
import { commandRetriesMax } from '../../domain/limits.js';
import { assertDistinctAccounts, assertOccurredAt, postTransfer, type PostedTransfer } from '../../domain/transfer.js';
import type { AccountEvent } from '../../events/index.js';
import { LedgerSettings } from '../../ledger-settings.js';
import { LedgerMetrics, type DecidedEntry } from '../../../observability/metrics/ledger-metrics.js';
import { BalanceProjection } from '../../projections/balance.projection.js';
import { statementLinesFromEvents } from '../../projections/statement.projection.js';
import { accountView, transferView } from '../../queries/views.js';
import type { EventMetadata } from '../event-store.js';
import { serializeEvent } from '../event-serializer.js';
import { GroupCommitQueue, type Settlement } from './group-commit-queue.js';
import type { AccountRequest, TransferInput, WriteEntry, WriteOutcome } from './write-entry.js';

/**
 * The ledger's whole write path, top to bottom. Every command (open an account, post a transfer, post a batch
 * of transfers) is an entry in the group-commit queue; a batch of entries is written by `writeBatch` in at
 * most two round trips and one transaction:
 *
 *   1. read    one statement, no locks: the accounts the batch names, with their balance and version, and the
 *              stored responses of its Idempotency-Keys;
 *   2. decide  in Node, entry after entry in arrival order: the Account aggregate applies the rules against
 *              running balances (an entry refused is refused alone; an atomic batch request rolls back its own
 *              items only); a repeated key replays its first response;
 *   3. append  one statement, autocommitted, so appending and committing are one round trip: lock the chain
 *              head, insert the events with their hashes and the batch's block, move the head, update each
 *              balance only if it is still at the version read in step 1 (else the statement aborts itself
 *              and the batch starts again), insert accounts, transfers, statement lines and idempotency keys.
 *
 * No lock is held while Node decides: the only locks are taken by the append and released by its commit.
 * Events reach the EventBus only after the commit.
 */
@Injectable()
export class LedgerWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LedgerWriter');
  private readonly queue: GroupCommitQueue<WriteEntry, WriteOutcome>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: LedgerSettings,
    private readonly clock: Clock,
    private readonly eventBus: EventBus,
    private readonly metrics: LedgerMetrics,
  ) {
    this.queue = new GroupCommitQueue(settings.groupCommit, (entries) => this.writeBatch(entries), entrySize);
    this.metrics.observeQueue(() => this.queue.depth);
  }

  submit(entry: WriteEntry): Promise<WriteOutcome> {
    return this.queue.submit(entry);
  }

  /** SIGTERM: what is queued is still written and answered; new writes get 503 OVERLOADED. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.drain();
  }

  /**
   * Serialization failures, deadlocks and a lost race (an Idempotency-Key or a stream version another replica took)
   * run the whole batch again (at most `commandRetriesMax` times, after a random pause); any other error from the database splits the batch in halves until the entry at fault
   * fails alone, so its batch-mates are written.
   */
  private async writeBatch(entries: WriteEntry[], attempt = 1): Promise<Settlement<WriteOutcome>[]> {
    const started = process.hrtime.bigint();
    try {
      const settlements = await this.attempt(entries);
      this.metrics.batchWritten(entries.length, Number(process.hrtime.bigint() - started) / 1e9);
      return settlements;
    } catch (error) {
      if (error instanceof OutcomeUnknown || error instanceof DatabaseUnavailable) return entries.map(() => ({ ok: false, error }));
      if (isRetryable(error) || lostRace(error)) {
        this.metrics.batchRetried(sqlState(error) ?? 'unknown');
        if (attempt <= commandRetriesMax) {
          // Replicas that collided on the same accounts would collide again in step: a random pause apart, growing.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * 2 ** attempt));
          return this.writeBatch(entries, attempt + 1);
        }
        return entries.map(() => ({ ok: false, error: new DatabaseUnavailable() }));
      }
      if (entries.length === 1) {
        this.logger.error(`A write failed alone after its batch was split: ${describeForLog(error)}`);
        return [{ ok: false, error }];
      }
      this.metrics.batchSplit();
      const half = Math.ceil(entries.length / 2);
      return [...(await this.writeBatch(entries.slice(0, half))), ...(await this.writeBatch(entries.slice(half)))];
    }
  }

  private async attempt(entries: WriteEntry[]): Promise<Settlement<WriteOutcome>[]> {
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    const client = await pool.connect().catch((error: unknown) => {
      throw isDatabaseUnavailable(error) ? new DatabaseUnavailable() : error;
    });
    let broken: Error | undefined;
    try {
      const phase = new PhaseClock();
      const read = await this.read(client, entries).catch((error: unknown) => {
        throw isDatabaseUnavailable(error) ? new DatabaseUnavailable() : error;
      });
      this.metrics.phase('read', phase.lap());
      const batch = new BatchDecision(read, this.clock.now());
      const settlements = entries.map((entry) => batch.decide(entry));
      this.metrics.phase('decide', phase.lap());
      if (batch.events.length > 0 || batch.storedKeys.length > 0) {
        await this.append(client, batch).catch((error: unknown) => {
          // No answer from the server: the commit may have happened. With an answer (a SQLSTATE), it did not.
          if (sqlState(error) === undefined && isDatabaseUnavailable(error)) throw new OutcomeUnknown();
          throw isDatabaseUnavailable(error) ? new DatabaseUnavailable() : error;
        });
        this.metrics.phase('append', phase.lap());
      }
      if (batch.events.length > 0) this.eventBus.publishAll(batch.events.map(({ event }) => event));
      this.metrics.decided(entries.map((entry, i) => decidedEntry(entry, settlements[i])));
      return settlements;
    } catch (error) {
      if (sqlState(error) === undefined && isDatabaseUnavailable(error)) broken = error as Error;
      if (error instanceof OutcomeUnknown || error instanceof DatabaseUnavailable) broken = error;
      throw error;
    } finally {
      // A connection that failed is destroyed rather than handed to the next batch.
      client.release(broken);
    }
  }

  /** Round trip 1: the batch's accounts and the stored responses of its keys, read without locks. */
  private async read(client: pg.PoolClient, entries: WriteEntry[]): Promise<BatchRead> {
    const accountIds = new Set<string>();
    const keys: IdempotencyRequest[] = [];
    for (const entry of entries) {
      if (entry.idempotency) keys.push(entry.idempotency);
      for (const input of transferInputs(entry)) accountIds.add(input.sourceAccountId).add(input.destinationAccountId);
    }
    const result = await client.query<{ accounts: StoredAccount[]; replays: (StoredResponse & { scope: string; key: string })[] }>({
      name: 'tally_write_read',
      text: readSql,
      values: [[...accountIds].filter(isUuid), keys.map((k) => k.scope), keys.map((k) => k.key)],
    });
    const { accounts, replays } = result.rows[0];
    return {
      accounts: new Map(accounts.map((row) => [row.id, toAccount(row)])),
      replays: new Map(replays.map((stored) => [keyOf(stored), stored])),
    };
  }

  /** Round trip 2: everything the batch decided, appended and committed by one autocommitted statement. */
  private async append(client: pg.PoolClient, batch: BatchDecision): Promise<void> {
    const events = batch.events.map(({ event, metadata, id }, i) => {
      const row = serializeEvent(event);
      return {
        ordinal: i + 1,
        id,
        stream_id: row.streamId,
        stream_version: row.streamVersion,
        type: row.type,
        schema_version: row.schemaVersion,
        payload: row.payload,
        metadata,
        occurred_at: row.occurredAt.toISOString(),
      };
    });
    const balances = batch.balanceWrites();
    const values = [
      JSON.stringify(batch.opened),
      JSON.stringify(balances.inserted),
      JSON.stringify(balances.updated),
      JSON.stringify(events),
      JSON.stringify(batch.transfers),
      JSON.stringify(batch.storedKeys),
      balances.updated.length,
      this.clock.now().toISOString(),
    ];
    await client.query({ name: 'tally_write_append', text: appendSql, values });
  }
}

/** Seconds since the previous lap. */
class PhaseClock {
  private last = process.hrtime.bigint();

  lap(): number {
    const now = process.hrtime.bigint();
    const seconds = Number(now - this.last) / 1e9;
    this.last = now;
    return seconds;
  }
}

export class OutcomeUnknown extends DomainError {
  constructor() {
    super(
      'OUTCOME_UNKNOWN',
      'unavailable',
      'The connection to the database was lost while this write was committing: it may or may not have been applied. Retrying with the same Idempotency-Key is safe.',
    );
  }
}

interface StoredAccount {
  id: string;
  currency: string;
  type: string;
  metadata: Record<string, unknown>;
  allow_overdraft: boolean;
  overdraft_limit: string | null;
  created_at: string;
  balance: string;
  version: number;
}

interface BatchRead {
  accounts: Map<string, Account>;
  replays: Map<string, StoredResponse>;
}

interface AppendedEvent {
  id: string;
  event: AccountEvent;
  metadata: EventMetadata;
}

/**
 * Step 2, deciding: holds the batch's accounts as aggregates and everything accepted so far. Each entry is
 * decided against the state its predecessors left; a refused item leaves no trace (its accounts are restored).
 */
class BatchDecision {
  readonly events: AppendedEvent[] = [];
  readonly opened: object[] = [];
  readonly transfers: object[] = [];
  readonly storedKeys: object[] = [];
  private readonly accounts: Map<string, Account>;
  private readonly versionsRead = new Map<string, number>();
  private readonly openedHere = new Set<string>();
  /** Responses given in this batch, for a key repeated within it. */
  private readonly answered = new Map<string, StoredResponse>();

  constructor(
    private readonly read: BatchRead,
    private readonly now: Date,
  ) {
    this.accounts = read.accounts;
    for (const [id, account] of read.accounts) this.versionsRead.set(id, account.state.version);
  }

  decide(entry: WriteEntry): Settlement<WriteOutcome> {
    try {
      const key = entry.idempotency && keyOf(entry.idempotency);
      const stored = key === undefined ? undefined : (this.answered.get(key) ?? this.read.replays.get(key));
      if (stored && entry.idempotency) return { ok: true, value: { status: stored.status, body: replay(stored, entry.idempotency), replayed: true, posted: [], refused: [] } };
      const outcome = this.decideNew(entry);
      if (key !== undefined && entry.idempotency && outcome.posted.length + outcome.openedAccounts > 0) {
        const response = { requestHash: entry.idempotency.fingerprint, status: outcome.status, body: outcome.body };
        this.answered.set(key, response);
        this.storedKeys.push({ scope: entry.idempotency.scope, key: entry.idempotency.key, request_hash: response.requestHash, response_status: response.status, response_body: response.body });
      }
      return { ok: true, value: { status: outcome.status, body: outcome.body, replayed: false, posted: outcome.posted, refused: outcome.refused } };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private decideNew(entry: WriteEntry): { status: number; body: unknown; posted: PostedTransfer[]; refused: { currency: string; code: string }[]; openedAccounts: number } {
    const metadata = entry.metadata;
    switch (entry.kind) {
      case 'open_account': {
        const account = this.open(entry.account, metadata);
        return { status: 201, body: accountView(account.state), posted: [], refused: [], openedAccounts: 1 };
      }
      case 'transfer': {
        const transfer = this.inRollback([entry.transfer], () => this.post(entry.transfer, metadata));
        return { status: 201, body: transferView(transfer), posted: [transfer], refused: [], openedAccounts: 0 };
      }
      case 'transfer_batch':
        return entry.mode === 'atomic' ? this.postAtomic(entry.transfers, metadata) : this.postIndependent(entry.transfers, metadata);
    }
  }

  /** All or nothing: the first refusal refuses the whole request, reported with its index. */
  private postAtomic(inputs: readonly TransferInput[], metadata: EventMetadata) {
    const posted = this.inRollback(inputs, () =>
      inputs.map((input, index) => {
        try {
          return this.post(input, metadata);
        } catch (error) {
          throw error instanceof DomainError ? new BatchItemRefused(index, error) : error;
        }
      }),
    );
    return { status: 201, body: { mode: 'atomic', transfers: posted.map(transferView) }, posted, refused: [], openedAccounts: 0 };
  }

  /** One result per item; a refused item is refused alone. */
  private postIndependent(inputs: readonly TransferInput[], metadata: EventMetadata) {
    const posted: PostedTransfer[] = [];
    const refused: { currency: string; code: string }[] = [];
    const results = inputs.map((input, index) => {
      try {
        const transfer = this.inRollback([input], () => this.post(input, metadata));
        posted.push(transfer);
        return { index, status: 201, transfer: transferView(transfer) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push({ currency: input.currency, code: error.code });
        return { index, status: statusOf(error), error: { code: error.code, message: error.message } };
      }
    });
    return { status: 200, body: { mode: 'independent', results }, posted, refused, openedAccounts: 0 };
  }

  /**
   * Runs `decision`, which may touch only the accounts of `inputs`; if it throws, those accounts and everything
   * accepted are as they were before it.
   */
  private inRollback<T>(inputs: readonly TransferInput[], decision: () => T): T {
    const saved = new Map<string, AccountState>();
    for (const input of inputs) {
      for (const id of [input.sourceAccountId, input.destinationAccountId]) {
        const account = this.accounts.get(id);
        if (account) saved.set(id, account.state);
      }
    }
    const lengths = [this.events.length, this.transfers.length];
    try {
      return decision();
    } catch (error) {
      for (const [id, state] of saved) if (this.accounts.get(id)!.state !== state) this.accounts.set(id, Account.fromSnapshot(state));
      this.events.length = lengths[0];
      this.transfers.length = lengths[1];
      throw error;
    }
  }

  private open(request: AccountRequest, metadata: EventMetadata): Account {
    const account = Account.open({ ...request, id: randomUUID(), openedAt: this.now });
    this.take(account, metadata);
    const state = account.state;
    this.accounts.set(state.id, account);
    this.openedHere.add(state.id);
    this.opened.push({
      id: state.id,
      currency: state.currency,
      type: state.type,
      metadata: state.metadata,
      allow_overdraft: state.allowOverdraft,
      overdraft_limit: state.overdraftLimit?.toFixed() ?? null,
      created_at: state.createdAt.toISOString(),
    });
    return account;
  }

  private post(input: TransferInput, metadata: EventMetadata): PostedTransfer {
    if (input.occurredAt) assertOccurredAt(input.occurredAt, this.now);
    assertDistinctAccounts(input);
    const source = this.accounts.get(input.sourceAccountId);
    const destination = this.accounts.get(input.destinationAccountId);
    const request = { ...input, transferId: randomUUID(), requestedAt: this.now, occurredAt: input.occurredAt ?? this.now };
    const transfer = postTransfer(source, destination, request);
    const firstEventOrdinal = this.events.length + 1;
    this.take(source!, metadata);
    this.take(destination!, metadata);
    this.transfers.push({
      id: transfer.transferId,
      source_account_id: transfer.sourceAccountId,
      destination_account_id: transfer.destinationAccountId,
      amount: transfer.amount.toFixed(),
      currency: transfer.currency,
      reference: transfer.reference,
      metadata: transfer.metadata,
      created_at: transfer.requestedAt.toISOString(),
      occurred_at: transfer.occurredAt.toISOString(),
      first_event_ordinal: firstEventOrdinal,
    });
    return transfer;
  }

  /** Moves the aggregate's new events into the batch, in the order they happened. */
  private take(account: Account, metadata: EventMetadata): void {
    for (const event of account.getUncommittedEvents()) this.events.push({ id: randomUUID(), event, metadata });
    account.uncommit();
  }

  /**
   * The balance projection's rows for this batch: accounts opened here are inserted at their final state;
   * accounts read in step 1 are updated from the version read to their final version.
   */
  balanceWrites(): { inserted: object[]; updated: object[] } {
    const touched = new Set(this.events.map(({ event }) => event.accountId));
    const inserted: object[] = [];
    const updated: object[] = [];
    for (const id of touched) {
      const state = this.accounts.get(id)!.state;
      if (this.openedHere.has(id)) {
        const floor = BalanceProjection.floorOf(state.allowOverdraft, state.overdraftLimit);
        inserted.push({ account_id: id, currency: state.currency, balance: state.balance.toFixed(), balance_floor: floor?.toFixed() ?? null, version: state.version });
      } else {
        updated.push({ account_id: id, balance: state.balance.toFixed(), version: state.version, expected_version: this.versionsRead.get(id) });
      }
    }
    return { inserted, updated };
  }
}

/** An atomic batch refused: the item's own code and kind, with the item's index. */
export class BatchItemRefused extends DomainError {
  constructor(
    readonly index: number,
    override readonly cause: DomainError,
  ) {
    super(cause.code, cause.kind, `transfers[${index}]: ${cause.message}`, [{ field: `transfers[${index}]`, message: cause.message }]);
    if (cause.disclosure) Object.assign(this, { disclosure: { scope: cause.disclosure.scope, message: `transfers[${index}]: ${cause.disclosure.message}` } });
  }
}

const statusByKind: Record<string, number> = { validation: 400, not_found: 404, conflict: 409, rule_violation: 422 };
/**
 * Another writer (a replica) committed first what this batch assumed was free: an Idempotency-Key, or the next
 * version of an account's stream (the events insert meets it before the balance check does). Read and decide again.
 */
function lostRace(error: unknown): boolean {
  return isUniqueViolationOf(error, 'idempotency_keys_pkey') || isUniqueViolationOf(error, 'events_stream_version');
}

function statusOf(error: DomainError): number {
  return statusByKind[error.kind] ?? 400;
}

const commandOf = { open_account: 'create_account', transfer: 'transfer', transfer_batch: 'transfer_batch' } as const;

/** What the metrics count for one entry: a refusal of a whole entry counts against its (first refused) transfer. */
function decidedEntry(entry: WriteEntry, settlement: Settlement<WriteOutcome>): DecidedEntry {
  const command = commandOf[entry.kind];
  if (settlement.ok) return { command, replayed: settlement.value.replayed, posted: settlement.value.posted, refused: settlement.value.refused };
  const { error } = settlement;
  const inputs = transferInputs(entry);
  const refusedInput = error instanceof BatchItemRefused ? inputs[error.index] : inputs[0];
  const refused = error instanceof DomainError && refusedInput ? [{ currency: refusedInput.currency, code: error.code }] : [];
  return { command, replayed: false, posted: [], refused };
}

function transferInputs(entry: WriteEntry): readonly TransferInput[] {
  if (entry.kind === 'transfer') return [entry.transfer];
  if (entry.kind === 'transfer_batch') return entry.transfers;
  return [];
}

function entrySize(entry: WriteEntry): number {
  return entry.kind === 'transfer_batch' ? entry.transfers.length : 1;
}

function keyOf(request: { scope: string; key: string }): string {
  return `${request.scope}\u0000${request.key}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

function toAccount(row: StoredAccount): Account {
  return Account.fromSnapshot({
    id: row.id,
    currency: row.currency,
    type: row.type,
    metadata: row.metadata,
    allowOverdraft: row.allow_overdraft,
    overdraftLimit: row.overdraft_limit === null ? null : new Decimal(row.overdraft_limit),
    balance: new Decimal(row.balance),
    version: Number(row.version),
    createdAt: new Date(row.created_at),
  });
}

/** Round trip 1. Money leaves PostgreSQL as text, never as a JSON number. */
const readSql = `
SELECT
  (SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'currency', a.currency, 'type', a.type, 'metadata', a.metadata, 'allow_overdraft', a.allow_overdraft,
            'overdraft_limit', a.overdraft_limit::text, 'created_at', a.created_at, 'balance', b.balance::text, 'version', b.version)), '[]'::json)
   FROM accounts a JOIN account_balances b ON b.account_id = a.id
   WHERE a.id = ANY($1::uuid[])) AS accounts,
  (SELECT coalesce(json_agg(json_build_object(
            'scope', k.scope, 'key', k.key, 'requestHash', k.request_hash, 'status', k.response_status, 'body', k.response_body)), '[]'::json)
   FROM idempotency_keys k JOIN unnest($2::text[], $3::text[]) AS r(scope, key) ON k.scope = r.scope AND k.key = r.key) AS replays`;

/**
 * Round trip 2: one statement, one implicit transaction. The final SELECT reads the parts in the order the locks
 * must be taken: the chain head first (every append takes it first, so appends never deadlock each other), then
 * the balance rows. Parts the SELECT does not read still run, to completion, before the commit.
 */
const appendSql = `
WITH head AS (
  SELECT last_position, last_hash, last_block FROM event_chain WHERE id = 1 FOR UPDATE
),
new_events AS (
  SELECT e.*, h.last_position + e.ordinal AS position, now() AS recorded_at
  FROM head h, json_to_recordset($4::json) AS e(ordinal bigint, id uuid, stream_id uuid, stream_version bigint, type text,
                                               schema_version int, payload jsonb, metadata jsonb, occurred_at timestamptz)
),
appended_events AS (
  INSERT INTO events (position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at, hash)
  SELECT position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at,
         tally_event_hash(position, id, stream_id, stream_version, type, schema_version, payload, metadata, occurred_at, recorded_at)
  FROM new_events ORDER BY ordinal
  RETURNING position, hash
),
appended_block AS (
  INSERT INTO event_blocks (block, first_position, last_position, previous_hash, hash, scheme)
  SELECT h.last_block + 1, h.last_position + 1, h.last_position + count(*), h.last_hash,
         sha256(h.last_hash || string_agg(a.hash, ''::bytea ORDER BY a.position)), 'block'
  FROM head h, appended_events a GROUP BY h.last_block, h.last_position, h.last_hash
  RETURNING block, last_position, hash
),
advanced_chain AS (
  UPDATE event_chain c SET last_position = b.last_position, last_hash = b.hash, last_block = b.block
  FROM appended_block b WHERE c.id = 1
  RETURNING c.last_position
),
posted_balances AS (
  UPDATE account_balances b SET balance = p.balance, version = p.version, updated_at = $8::timestamptz
  FROM json_to_recordset($3::json) AS p(account_id uuid, balance numeric, version bigint, expected_version bigint)
  WHERE b.account_id = p.account_id AND b.version = p.expected_version
  RETURNING b.account_id
),
opened_accounts AS (
  INSERT INTO accounts (id, currency, type, metadata, allow_overdraft, overdraft_limit, created_at)
  SELECT id, currency, type, metadata, allow_overdraft, overdraft_limit, created_at
  FROM json_to_recordset($1::json) AS a(id uuid, currency char(3), type text, metadata jsonb, allow_overdraft boolean,
                                        overdraft_limit numeric, created_at timestamptz)
  RETURNING id
),
opened_balances AS (
  INSERT INTO account_balances (account_id, currency, balance, balance_floor, version, updated_at)
  SELECT account_id, currency, balance, balance_floor, version, $8::timestamptz
  FROM json_to_recordset($2::json) AS o(account_id uuid, currency char(3), balance numeric, balance_floor numeric, version bigint)
  RETURNING account_id
),
inserted_transfers AS (
  INSERT INTO transfers (id, source_account_id, destination_account_id, amount, currency, reference, metadata, status, created_at, occurred_at, position)
  SELECT t.id, t.source_account_id, t.destination_account_id, t.amount, t.currency, t.reference, t.metadata, 'posted', t.created_at, t.occurred_at,
         h.last_position + t.first_event_ordinal
  FROM head h, json_to_recordset($5::json) AS t(id uuid, source_account_id uuid, destination_account_id uuid, amount numeric, currency char(3),
                                                reference text, metadata jsonb, created_at timestamptz, occurred_at timestamptz, first_event_ordinal bigint)
  RETURNING id
),
statement_lines AS (
  INSERT INTO account_statement_lines (account_id, version, transfer_id, counterparty_account_id, direction, amount, currency, balance_after, reference, occurred_at)
  ${statementLinesFromEvents('new_events')}
  RETURNING account_id
),
stored_keys AS (
  INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
  SELECT scope, key, request_hash, response_status, response_body
  FROM json_to_recordset($6::json) AS k(scope text, key text, request_hash text, response_status int, response_body json)
  RETURNING key
)
SELECT (SELECT count(*) FROM appended_events) AS events,
       (SELECT count(*) FROM advanced_chain) AS chained,
       tally_require((SELECT count(*) FROM posted_balances) = $7::int, 'a balance changed after the batch read it') AS balances_current`;
