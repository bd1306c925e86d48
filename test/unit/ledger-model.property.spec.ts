import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { Decimal } from '../../src/common/money/decimal.js';
import { Account } from '../../src/ledger/domain/account.js';
import { postTransfer } from '../../src/ledger/domain/transfer.js';
import { AccountCredited, AccountDebited, AccountOpened, type AccountEvent } from '../../src/ledger/events/index.js';
import { LedgerModel, minorToText, minorUnitsOfModel, textToMinor, type Decision } from '../support/model-ledger.js';

/**
 * Model-based property test: random sequences of operations run against an in-memory reference model
 * (test/support/model-ledger.ts, written from the README's rules) and against the production domain
 * (Account aggregates + postTransfer), which must agree on every decision, every error code and every
 * balance, while both keep the ledger's invariants.
 */

const currencies = ['USD', 'JPY', 'KWD'] as const;
type Currency = (typeof currencies)[number];

/**
 * A reference to an account: one opened earlier (picked modulo the number of candidates), one that may
 * overdraw (a funder), one of the source's currency other than the source, or an id nobody opened.
 * Candidates are chosen from the model's public facts (currency, overdraft flag), never from production.
 */
type Ref = { kind: 'known' | 'funder' | 'sameCurrency'; pick: number } | { kind: 'ghost'; n: number };

/** How the amount is chosen; the boundary kinds are computed from the model's headroom at run time. */
type AmountChoice = { kind: 'raw'; minor: bigint } | { kind: 'drain' } | { kind: 'drainPlusOne' };

type Op =
  | { op: 'open'; currency: Currency; allowOverdraft: boolean; limit: bigint | null }
  | { op: 'transfer'; source: Ref; destination: Ref | 'same'; amount: AmountChoice; currency: 'source' | 'destination' | Currency }
  | { op: 'reload'; pick: number };

const ghostArb = fc.record({ kind: fc.constant('ghost' as const), n: fc.nat(3) });
const pickArb = <K extends 'known' | 'funder' | 'sameCurrency'>(kind: K) => fc.record({ kind: fc.constant(kind), pick: fc.nat(1_000) });
const sourceArb: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 6, arbitrary: pickArb('known') },
  { weight: 4, arbitrary: pickArb('funder') },
  { weight: 1, arbitrary: ghostArb },
);
const destinationArb: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 8, arbitrary: pickArb('sameCurrency') },
  { weight: 3, arbitrary: pickArb('known') },
  { weight: 1, arbitrary: ghostArb },
);

const amountArb: fc.Arbitrary<AmountChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('raw' as const), minor: fc.bigInt({ min: 1n, max: 5_000n }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), minor: fc.bigInt({ min: 1n, max: 10n ** 12n }) }) },
  // Up to and beyond the largest amount (18 integer digits); clamped to the currency's maximum below.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), minor: fc.bigInt({ min: 10n ** 17n, max: 10n ** 23n }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drain' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drainPlusOne' as const }) },
);

// A limit only comes with allow_overdraft: true; the domain refuses a limit on an account without overdraft.
const openArb: fc.Arbitrary<Op> = fc
  .record({
    op: fc.constant('open' as const),
    currency: fc.constantFrom(...currencies),
    allowOverdraft: fc.boolean(),
    limit: fc.option(fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10_000n })), { nil: null }),
  })
  .map((open) => (open.allowOverdraft ? open : { ...open, limit: null }));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: openArb },
  {
    weight: 7,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      source: sourceArb,
      destination: fc.oneof({ weight: 1, arbitrary: fc.constant('same' as const) }, { weight: 12, arbitrary: destinationArb }),
      amount: amountArb,
      currency: fc.oneof(
        { weight: 8, arbitrary: fc.constant('source' as const) },
        { weight: 1, arbitrary: fc.constant('destination' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...currencies) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reload' as const), pick: fc.nat(1_000) }) },
);

const at = new Date('2025-07-13T10:00:00Z');

/** How often each outcome occurred, so the suite proves its generators reach every rule. */
const outcomes = new Map<string, number>();
const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
const largestAmount = (currency: string) => 10n ** BigInt(18 + minorUnitsOfModel(currency)) - 1n;

/** Both worlds side by side: the model, the production aggregates and each account's committed history. */
class World {
  readonly model = new LedgerModel();
  readonly accounts = new Map<string, Account>();
  readonly history = new Map<string, AccountEvent[]>();
  readonly ids: string[] = [];
  private transfers = 0;

  resolve(ref: Ref, sourceId?: string): string {
    if (ref.kind === 'ghost') return `ghost-${ref.n}`;
    const source = sourceId === undefined ? undefined : this.model.accounts.get(sourceId);
    const narrowed =
      ref.kind === 'funder' ? this.ids.filter((id) => this.model.accounts.get(id)!.allowOverdraft)
      : ref.kind === 'sameCurrency' && source ? this.ids.filter((id) => id !== source.id && this.model.accounts.get(id)!.currency === source.currency)
      : [];
    const candidates = narrowed.length > 0 ? narrowed : this.ids;
    if (candidates.length === 0) return `ghost-${ref.pick % 4}`;
    return candidates[ref.pick % candidates.length]!;
  }

  run(op: Op): void {
    if (op.op === 'open') this.open(op);
    else if (op.op === 'transfer') this.transfer(op);
    else this.reload(op.pick);
    this.checkInvariants();
  }

  private open(op: Extract<Op, { op: 'open' }>): void {
    const id = `acc-${this.ids.length}`;
    this.model.open(id, op.currency, op.allowOverdraft, op.limit);
    const limit = op.limit === null ? null : new Decimal(minorToText(op.limit, minorUnitsOfModel(op.currency)));
    const account = Account.open({ id, currency: op.currency, type: 'user', metadata: {}, allowOverdraft: op.allowOverdraft, overdraftLimit: limit, openedAt: at });
    const events = [...account.getUncommittedEvents()];
    check(events.length === 1 && events[0] instanceof AccountOpened, `${id}: opening applies one AccountOpened`);
    account.commit();
    check(account.getUncommittedEvents().length === 0, `${id}: commit() empties the uncommitted events`);
    this.accounts.set(id, account);
    this.history.set(id, events);
    this.ids.push(id);
  }

  private transfer(op: Extract<Op, { op: 'transfer' }>): void {
    const sourceId = this.resolve(op.source);
    const destinationId = op.destination === 'same' ? sourceId : this.resolve(op.destination, sourceId);
    const modelSource = this.model.accounts.get(sourceId);
    const modelDestination = this.model.accounts.get(destinationId);
    const currency =
      op.currency === 'source' ? (modelSource?.currency ?? modelDestination?.currency ?? 'USD')
      : op.currency === 'destination' ? (modelDestination?.currency ?? modelSource?.currency ?? 'USD')
      : op.currency;
    const amount = this.amount(op.amount, sourceId, currency);
    const decimals = minorUnitsOfModel(currency);

    const source = this.accounts.get(sourceId);
    const destination = this.accounts.get(destinationId);
    const before = [source, destination].map((account) => account && { balance: account.state.balance.toFixed(), version: account.state.version });

    const expected: Decision = this.model.transfer(sourceId, destinationId, currency, amount);
    const transferId = `t-${this.transfers++}`;
    let actual: Decision;
    try {
      postTransfer(source, destination, {
        transferId,
        sourceAccountId: sourceId,
        destinationAccountId: destinationId,
        amount: new Decimal(minorToText(amount, decimals)),
        currency,
        reference: null,
        metadata: {},
        requestedAt: at,
        occurredAt: at,
      });
      actual = { ok: true, sourceBalanceAfter: 0n, destinationBalanceAfter: 0n };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = error.details?.[0]?.field as 'source_account_id' | 'destination_account_id' | undefined;
      actual = { ok: false, code: error.code as never, ...(error.code === 'ACCOUNT_NOT_FOUND' && { field }) };
    }
    count(expected.ok ? 'POSTED' : expected.code);
    const context = `${transferId}: ${sourceId} -> ${destinationId} ${minorToText(amount, decimals)} ${currency}`;

    if (!expected.ok) {
      same({ context, decision: actual }, { context, decision: expected });
      // A refusal leaves no event behind and changes no state.
      for (const [index, account] of [source, destination].entries()) {
        if (!account) continue;
        check(account.getUncommittedEvents().length === 0, `${context}: a refused transfer left an uncommitted event on ${account.state.id}`);
        same({ balance: account.state.balance.toFixed(), version: account.state.version }, before[index]);
      }
      source?.uncommit();
      destination?.uncommit();
      return;
    }

    same({ context, accepted: actual.ok }, { context, accepted: true });
    const debits = [...source!.getUncommittedEvents()];
    const credits = [...destination!.getUncommittedEvents()];
    check(debits.length === 1 && debits[0] instanceof AccountDebited, `${context}: the source gets exactly one AccountDebited`);
    check(credits.length === 1 && credits[0] instanceof AccountCredited, `${context}: the destination gets exactly one AccountCredited`);
    const [debit, credit] = [debits[0] as AccountDebited, credits[0] as AccountCredited];
    for (const [event, accountId, counterparty, balanceAfter] of [
      [debit, sourceId, destinationId, expected.sourceBalanceAfter],
      [credit, destinationId, sourceId, expected.destinationBalanceAfter],
    ] as const) {
      const modelAccount = this.model.accounts.get(accountId)!;
      same({
        accountId: event.accountId,
        counterparty: event.counterpartyAccountId,
        transferId: event.transferId,
        amount: event.amount.toFixed(decimals),
        currency: event.currency,
        balanceAfter: event.balanceAfter.toFixed(decimals),
        version: event.version,
      }, {
        accountId,
        counterparty,
        transferId,
        amount: minorToText(amount, decimals),
        currency,
        balanceAfter: minorToText(balanceAfter, decimals),
        version: 1 + modelAccount.postings,
      });
    }
    source!.commit();
    destination!.commit();
    this.history.get(sourceId)!.push(debit);
    this.history.get(destinationId)!.push(credit);
  }

  private amount(choice: AmountChoice, sourceId: string, currency: string): bigint {
    const max = largestAmount(currency);
    if (choice.kind === 'raw') return choice.minor > max ? max : choice.minor;
    const headroom = this.model.headroom(sourceId);
    const base = headroom === null || headroom <= 0n ? 1n : headroom;
    const amount = choice.kind === 'drain' ? base : base + 1n;
    return amount > max ? max : amount;
  }

  /** Replaces an aggregate by one rebuilt from its committed history: it must be the same account. */
  private reload(pick: number): void {
    if (this.ids.length === 0) return;
    const id = this.ids[pick % this.ids.length]!;
    const old = this.accounts.get(id)!;
    const rebuilt = Account.fromHistory(this.history.get(id)!);
    check(rebuilt.getUncommittedEvents().length === 0, `${id}: fromHistory leaves no uncommitted event`);
    const view = (account: Account) => ({
      id: account.state.id,
      currency: account.state.currency,
      allowOverdraft: account.state.allowOverdraft,
      overdraftLimit: account.state.overdraftLimit?.toFixed() ?? null,
      balance: account.state.balance.toFixed(),
      version: account.state.version,
      floor: account.balanceFloor?.toFixed() ?? null,
    });
    same(view(rebuilt), view(old));
    this.accounts.set(id, rebuilt);
  }

  /** Runs after every operation, so it compares by hand and only builds a message on failure. */
  private checkInvariants(): void {
    const productionSums = new Map<string, bigint>();
    for (const id of this.ids) {
      const modelAccount = this.model.accounts.get(id)!;
      const account = this.accounts.get(id)!;
      const decimals = minorUnitsOfModel(modelAccount.currency);
      // Exactly representable at the currency's minor unit: no digits beyond it, no rounding.
      check(account.state.balance.decimalPlaces() <= decimals, `${id}: balance ${account.state.balance.toFixed()} has more than ${decimals} decimals`);
      const text = account.state.balance.toFixed(decimals);
      check(text === this.model.balanceText(id), `${id}: production balance ${text}, model ${this.model.balanceText(id)}`);
      check(account.state.version === 1 + modelAccount.postings, `${id}: production version ${account.state.version}, model ${1 + modelAccount.postings}`);
      const balance = textToMinor(text, decimals);
      productionSums.set(modelAccount.currency, (productionSums.get(modelAccount.currency) ?? 0n) + balance);
      check(modelAccount.allowOverdraft || balance >= 0n, `${id}: no overdraft allowed, balance ${text}`);
      check(!modelAccount.allowOverdraft || modelAccount.limit === null || balance >= -modelAccount.limit, `${id}: limit ${modelAccount.limit}, balance ${text}`);
    }
    for (const [currency, sum] of this.model.sumsByCurrency()) check(sum === 0n, `model: ${currency} sums to ${sum}`);
    for (const [currency, sum] of productionSums) check(sum === 0n, `production: ${currency} sums to ${sum} minor units`);
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

/** expect(actual).toEqual(expected), but cheap when they are equal (it runs thousands of times per property). */
function same<T>(actual: T, expected: T): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

describe('ledger model vs production domain (property)', () => {
  it('agrees on every decision, error code and balance, and keeps the invariants', () => {
    fc.assert(
      fc.property(fc.array(openArb, { maxLength: 6 }), fc.array(opArb, { minLength: 1, maxLength: 60, size: 'medium' }), (opens, ops) => {
        const world = new World();
        for (const op of [...opens, ...ops]) world.run(op);
      }),
      { numRuns: 300 },
    );
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(outcomes));
    for (const outcome of ['POSTED', 'SAME_ACCOUNT', 'ACCOUNT_NOT_FOUND', 'CURRENCY_MISMATCH', 'INSUFFICIENT_FUNDS']) {
      expect({ outcome, seen: (outcomes.get(outcome) ?? 0) > 20 }).toEqual({ outcome, seen: true });
    }
  });

  it('agrees on long funded sequences where most transfers move money', () => {
    // Floats first (unlimited overdraft), then users with and without limits, then many transfers.
    const setup: Op[] = currencies.flatMap((currency) => [
      { op: 'open', currency, allowOverdraft: true, limit: null },
      { op: 'open', currency, allowOverdraft: false, limit: null },
      { op: 'open', currency, allowOverdraft: true, limit: 1_000n },
      { op: 'open', currency, allowOverdraft: false, limit: null },
    ]);
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 50, maxLength: 200 }), (ops) => {
        const world = new World();
        for (const op of [...setup, ...ops]) world.run(op);
      }),
      { numRuns: 60 },
    );
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(outcomes));
  });

  it('reports the documented rule order when several rules fail at once', () => {
    // Hand-picked combinations, checked against the model so the model itself is pinned down too.
    const world = new World();
    world.run({ op: 'open', currency: 'USD', allowOverdraft: false, limit: null }); // acc-0, empty
    world.run({ op: 'open', currency: 'JPY', allowOverdraft: false, limit: null }); // acc-1, empty
    const code = (sourceId: string, destinationId: string, currency: string) => {
      const decision = world.model.decide(sourceId, destinationId, currency, 10n ** 9n);
      return decision.ok ? 'OK' : decision.code;
    };
    expect(code('ghost-1', 'ghost-1', 'USD')).toBe('SAME_ACCOUNT');
    expect(code('acc-0', 'acc-0', 'JPY')).toBe('SAME_ACCOUNT');
    expect(code('ghost-1', 'ghost-2', 'USD')).toBe('ACCOUNT_NOT_FOUND');
    expect(code('acc-0', 'acc-1', 'USD')).toBe('CURRENCY_MISMATCH'); // not INSUFFICIENT_FUNDS
    expect(code('acc-1', 'acc-0', 'USD')).toBe('CURRENCY_MISMATCH');
    expect(code('acc-0', 'ghost-1', 'JPY')).toBe('ACCOUNT_NOT_FOUND');
    for (const [source, destination, currency] of [
      ['ghost-1', 'ghost-1', 'USD'],
      ['acc-0', 'acc-0', 'JPY'],
      ['ghost-1', 'ghost-2', 'USD'],
      ['acc-0', 'acc-1', 'USD'],
      ['acc-1', 'acc-0', 'USD'],
      ['acc-0', 'ghost-1', 'JPY'],
    ] as const) {
      const refOf = (id: string): Ref => (id.startsWith('ghost') ? { kind: 'ghost', n: Number(id.slice(6)) } : { kind: 'known', pick: Number(id.slice(4)) });
      world.run({ op: 'transfer', source: refOf(source), destination: source === destination ? 'same' : refOf(destination), amount: { kind: 'raw', minor: 10n ** 9n }, currency: currency as Currency });
    }
  });
});
