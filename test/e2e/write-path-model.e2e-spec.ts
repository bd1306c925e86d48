import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { Decimal } from '../../src/common/money/decimal.js';
import { LedgerVerifier } from '../../src/ledger/audit/ledger-verifier.js';
import { BatchItemRefused, LedgerWriter } from '../../src/ledger/infrastructure/write/ledger-writer.js';
import type { TransferInput, WriteEntry } from '../../src/ledger/infrastructure/write/write-entry.js';
import { LedgerModel, minorToText, minorUnitsOfModel, type Decision } from '../support/model-ledger.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Random sequences of operations, cut into random batches, go through the real write path (the group-commit
 * queue, the Account aggregate, PostgreSQL) and through the independent model in test/support; every decision,
 * error code and final balance must agree. Entries submitted in one tick share group commits in submission
 * order, which is the order the model applies them in.
 */
describe('write path vs the model (property)', () => {
  const context = useTestApp({ LEDGER_CURRENCIES: 'USD,JPY' });

  type Ref = number | 'ghost';
  type Move = { source: Ref; destination: Ref; currency: 'USD' | 'JPY'; amount: bigint };
  type Op = { op: 'transfer'; move: Move } | { op: 'batch'; mode: 'atomic' | 'independent'; moves: Move[] };

  const moveArb: fc.Arbitrary<Move> = fc.record({
    source: fc.oneof({ weight: 12, arbitrary: fc.nat(7) }, { weight: 1, arbitrary: fc.constant('ghost' as const) }),
    destination: fc.oneof({ weight: 12, arbitrary: fc.nat(7) }, { weight: 1, arbitrary: fc.constant('ghost' as const) }),
    currency: fc.constantFrom('USD' as const, 'USD' as const, 'USD' as const, 'JPY' as const),
    amount: fc.bigInt({ min: 1n, max: 40_000n }),
  });
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: moveArb.map((move) => ({ op: 'transfer' as const, move })) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('batch' as const), mode: fc.constantFrom('atomic' as const, 'independent' as const), moves: fc.array(moveArb, { minLength: 1, maxLength: 6 }) }) },
  );
  // Eight accounts: a USD float without limit, USD accounts with and without overdraft, a JPY pair.
  const openings = [
    { currency: 'USD', allow_overdraft: true, overdraft_limit: null },
    { currency: 'USD', allow_overdraft: false, overdraft_limit: null },
    { currency: 'USD', allow_overdraft: true, overdraft_limit: '300.00' },
    { currency: 'USD', allow_overdraft: false, overdraft_limit: null },
    { currency: 'USD', allow_overdraft: true, overdraft_limit: '50.00' },
    { currency: 'JPY', allow_overdraft: true, overdraft_limit: null },
    { currency: 'JPY', allow_overdraft: false, overdraft_limit: null },
    { currency: 'USD', allow_overdraft: false, overdraft_limit: null },
  ];

  it('agrees with the model on every decision, code and balance', async () => {
    const writer = context.app.get(LedgerWriter);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 40, maxLength: 40 }), async (ops, cuts) => {
        runs++;
        const model = new LedgerModel();
        const ids: string[] = [];
        for (const opening of openings) {
          const { overdraft_limit, ...rest } = opening;
          const id = await context.ledger.openAccount({ type: 'user', ...rest, ...(overdraft_limit !== null && { overdraft_limit }) });
          ids.push(id);
          const limit = opening.overdraft_limit === null ? null : BigInt(opening.overdraft_limit.replace('.', ''));
          model.open(id, opening.currency, opening.allow_overdraft, limit);
        }
        const ghost = randomUUID();
        const idOf = (ref: Ref) => (ref === 'ghost' ? ghost : ids[ref]);
        const input = (move: Move): TransferInput => ({
          sourceAccountId: idOf(move.source),
          destinationAccountId: idOf(move.destination),
          amount: new Decimal(minorToText(move.amount, minorUnitsOfModel(move.currency))),
          currency: move.currency,
          reference: null,
          metadata: {},
          occurredAt: null,
        });
        const entry = (op: Op): WriteEntry =>
          op.op === 'transfer' ? { kind: 'transfer', transfer: input(op.move), metadata: {} } : { kind: 'transfer_batch', mode: op.mode, transfers: op.moves.map(input), metadata: {} };

        let next = 0;
        for (const cut of cuts) {
          const chunk = ops.slice(next, next + cut);
          next += cut;
          if (chunk.length === 0) break;
          // One tick: these entries reach the queue in this order and are decided in it.
          const settled = await Promise.allSettled(chunk.map((op) => writer.submit(entry(op))));
          chunk.forEach((op, i) => expectSame(op, settled[i], model, idOf));
        }
        const balances = await context.app.get(DataSource).query(`SELECT account_id, balance::text AS balance, version::int AS version FROM account_balances WHERE account_id = ANY($1)`, [ids]);
        for (const row of balances as { account_id: string; balance: string; version: number }[]) {
          const account = model.accounts.get(row.account_id)!;
          expect({ id: row.account_id, balance: new Decimal(row.balance).toFixed(minorUnitsOfModel(account.currency)), version: row.version }).toEqual({
            id: row.account_id,
            balance: model.balanceText(row.account_id),
            version: account.postings + 1,
          });
        }
      }),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
    const report = await context.app.get(LedgerVerifier).verify();
    expect(report.findings).toEqual([]);
  });

  /** The model decides `op` (an atomic batch all or nothing) and the write path's answer must say the same. */
  function expectSame(op: Op, settled: PromiseSettledResult<{ status: number; body: unknown }>, model: LedgerModel, idOf: (ref: Ref) => string): void {
    const apply = (move: Move) => model.transfer(idOf(move.source), idOf(move.destination), move.currency, move.amount);
    if (op.op === 'transfer') return expect(describe_(settled)).toEqual(expected(apply(op.move)));
    if (op.mode === 'independent') {
      const results = op.moves.map((move) => expected(apply(move)));
      expect(settled.status === 'fulfilled' && (settled.value.body as { results: { status: number; error?: { code: string } }[] }).results.map((r) => (r.status === 201 ? 'POSTED' : r.error!.code))).toEqual(results);
      return;
    }
    const saved = new Map([...model.accounts].map(([id, account]) => [id, { balance: account.balance, postings: account.postings }]));
    const decisions: Decision[] = [];
    for (const move of op.moves) {
      const decision = apply(move);
      decisions.push(decision);
      if (!decision.ok) break;
    }
    const refusal = decisions.findIndex((d) => !d.ok);
    if (refusal >= 0) {
      for (const [id, state] of saved) Object.assign(model.accounts.get(id)!, state);
      expect(settled.status === 'rejected' && settled.reason instanceof BatchItemRefused ? [settled.reason.index, settled.reason.code] : describe_(settled)).toEqual([refusal, (decisions[refusal] as { code: string }).code]);
    } else {
      expect(describe_(settled)).toEqual('POSTED');
    }
  }

  function describe_(settled: PromiseSettledResult<{ status: number }>): string {
    if (settled.status === 'fulfilled') return settled.value.status === 201 ? 'POSTED' : `status ${settled.value.status}`;
    return settled.reason instanceof DomainError ? settled.reason.code : String(settled.reason);
  }

  function expected(decision: Decision): string {
    return decision.ok ? 'POSTED' : decision.code;
  }
});
