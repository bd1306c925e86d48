import type { AuditRow } from './audit-log-reader.js';
import { findingsMax, LedgerAudit } from './ledger-audit.js';

const [a, b, c] = ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002', 'cccccccc-0000-4000-8000-000000000003'];

const opened = (position: number, account: string, rule: { allow?: string; limit?: string; currency?: string; version?: string } = {}): AuditRow => [
  String(position), account, rule.version ?? '1', 'AccountOpened', rule.allow ?? 'false', rule.limit ?? '', rule.currency ?? 'USD', '', '', '',
];

interface Leg {
  version: number;
  amount: string;
  balanceAfter: string;
  transfer: string;
  counterparty: string;
  currency?: string;
  problems?: string;
}

const debit = (position: number, account: string, leg: Leg): AuditRow => posting(position, account, 'AccountDebited', leg);
const credit = (position: number, account: string, leg: Leg): AuditRow => posting(position, account, 'AccountCredited', leg);
const posting = (position: number, account: string, type: string, leg: Leg): AuditRow => [
  String(position), account, String(leg.version), type, leg.amount, leg.balanceAfter, leg.currency ?? 'USD', leg.transfer, leg.counterparty, leg.problems ?? '',
];

/** A float `a` (overdraft without limit) and two accounts without overdraft, `a` pays `b` 100. */
const honest = (): AuditRow[] => [
  opened(1, a, { allow: 'true' }),
  opened(2, b),
  opened(3, c),
  debit(4, a, { version: 2, amount: '100', balanceAfter: '-100', transfer: 't1', counterparty: b }),
  credit(5, b, { version: 2, amount: '100.00', balanceAfter: '100', transfer: 't1', counterparty: a }),
];

function audit(rows: AuditRow[]): LedgerAudit {
  const audited = new LedgerAudit();
  for (const row of rows) audited.next(row);
  audited.finish();
  return audited;
}

const kinds = (audited: LedgerAudit) => audited.findings.map((finding) => finding.kind);

describe('LedgerAudit', () => {
  it('finds nothing in an honest log and folds it', () => {
    const audited = audit([
      ...honest(),
      // Legs of two transfers interleaved: pairing does not depend on the legs being adjacent.
      debit(6, b, { version: 3, amount: '30.5', balanceAfter: '69.5', transfer: 't2', counterparty: c }),
      debit(7, a, { version: 3, amount: '0.0001', balanceAfter: '-100.0001', transfer: 't3', counterparty: c }),
      credit(8, c, { version: 2, amount: '30.50', balanceAfter: '30.5', transfer: 't2', counterparty: b }),
      credit(9, c, { version: 3, amount: '0.0001', balanceAfter: '30.5001', transfer: 't3', counterparty: a }),
    ]);
    expect(audited.findings).toEqual([]);
    expect({ events: audited.events, accounts: audited.accounts.size, transfers: audited.transfers }).toEqual({ events: 9, accounts: 3, transfers: 3 });
    expect(audited.accounts.get(a)).toEqual({ currency: 'USD', balance: -1_000_001n, version: 3, floor: null });
    expect(audited.accounts.get(b)).toEqual({ currency: 'USD', balance: 695_000n, version: 3, floor: 0n });
  });

  it('reports a gap in a stream, a posting before AccountOpened and an account opened twice', () => {
    const gap = audit([...honest(), debit(6, b, { version: 4, amount: '1', balanceAfter: '99', transfer: 't2', counterparty: c }), credit(7, c, { version: 2, amount: '1', balanceAfter: '1', transfer: 't2', counterparty: b })]);
    expect(gap.findings).toEqual([{ kind: 'stream_out_of_order', message: `account ${b}: version 4 follows 2`, position: '6', accountId: b }]);
    const early = audit([credit(1, b, { version: 2, amount: '1', balanceAfter: '1', transfer: 't', counterparty: a }), opened(2, b)]);
    expect(early.findings[0]).toMatchObject({ kind: 'stream_out_of_order', message: `AccountCredited for account ${b} before AccountOpened` });
    expect(kinds(audit([...honest(), opened(6, c)]))).toEqual(['stream_out_of_order']);
    expect(audit([opened(1, a, { version: '2' })]).findings[0].message).toBe(`account ${a}: version 2 follows 0`);
  });

  it('reports a wrong balance_after against the sum of amounts, and keeps summing amounts', () => {
    const rows = honest();
    rows[4] = credit(5, b, { version: 2, amount: '100', balanceAfter: '1000', transfer: 't1', counterparty: a });
    const audited = audit([
      ...rows,
      debit(6, b, { version: 3, amount: '40', balanceAfter: '60', transfer: 't2', counterparty: c }),
      credit(7, c, { version: 2, amount: '40', balanceAfter: '40', transfer: 't2', counterparty: b }),
    ]);
    expect(audited.findings).toEqual([{ kind: 'balance_after_wrong', message: 'event 5: balance_after 1000 but the log sums to 100', position: '5', accountId: b }]);
  });

  it('reports a balance below the account floor: 0 without overdraft, minus the limit with one', () => {
    const overdrawn = audit([
      ...honest(),
      debit(6, b, { version: 3, amount: '100.01', balanceAfter: '-0.01', transfer: 't2', counterparty: c }),
      credit(7, c, { version: 2, amount: '100.01', balanceAfter: '100.01', transfer: 't2', counterparty: b }),
    ]);
    expect(overdrawn.findings).toEqual([{ kind: 'overdraft_breached', message: `account ${b} went to -0.01, below its floor 0`, position: '6', accountId: b }]);
    const limited = [opened(1, a, { allow: 'true', limit: '20' }), opened(2, b)];
    const within = (amount: string) => [
      debit(3, a, { version: 2, amount, balanceAfter: `-${amount}`, transfer: 't', counterparty: b }),
      credit(4, b, { version: 2, amount, balanceAfter: amount, transfer: 't', counterparty: a }),
    ];
    expect(audit([...limited, ...within('20')]).findings).toEqual([]);
    expect(audit([...limited, ...within('20.0001')]).findings.map((finding) => finding.message)).toEqual([`account ${a} went to -20.0001, below its floor -20`]);
  });

  it('reports a transfer without one debit and one matching credit', () => {
    const unbalanced = (second: AuditRow) => audit([opened(1, a, { allow: 'true' }), opened(2, b, { allow: 'true' }), debit(3, a, { version: 2, amount: '5', balanceAfter: '-5', transfer: 't', counterparty: b }), second]);
    const expected = [{ kind: 'transfer_unbalanced', message: 'transfer t does not have one debit and one matching credit' }];
    expect(unbalanced(credit(4, b, { version: 2, amount: '5', balanceAfter: '5', transfer: 't', counterparty: a })).findings).toEqual([]);
    expect(unbalanced(credit(4, b, { version: 2, amount: '5.0001', balanceAfter: '5.0001', transfer: 't', counterparty: a })).findings).toEqual(expected.concat([{ kind: 'currency_not_zero', message: 'USD balances sum to 0.0001, not 0' }]));
    expect(unbalanced(debit(4, b, { version: 2, amount: '5', balanceAfter: '-5', transfer: 't', counterparty: a })).findings[0]).toEqual(expected[0]);
    expect(unbalanced(credit(4, b, { version: 2, amount: '5', balanceAfter: '5', transfer: 't', counterparty: c })).findings).toEqual(expected);
    expect(unbalanced(credit(4, b, { version: 2, amount: '5', balanceAfter: '5', transfer: 't', counterparty: a, currency: 'EUR' })).findings).toEqual(expected);
    const creditNamesWrongDebit = audit([
      opened(1, a, { allow: 'true' }),
      opened(2, b),
      debit(3, a, { version: 2, amount: '5', balanceAfter: '-5', transfer: 't', counterparty: c }),
      credit(4, b, { version: 2, amount: '5', balanceAfter: '5', transfer: 't', counterparty: a }),
    ]);
    expect(creditNamesWrongDebit.findings).toEqual(expected);
  });

  it('reports a transfer whose other leg never comes', () => {
    const audited = audit([opened(1, a, { allow: 'true' }), opened(2, b, { allow: 'true' }), debit(3, a, { version: 2, amount: '5', balanceAfter: '-5', transfer: 't', counterparty: b })]);
    expect(audited.findings).toEqual([
      { kind: 'transfer_unbalanced', message: 'transfer t has 1 debit(s) and 0 credit(s)' },
      { kind: 'currency_not_zero', message: 'USD balances sum to -5, not 0' },
    ]);
  });

  it("reports each currency whose balances do not sum to zero (a transfer's legs in accounts of two currencies)", () => {
    const audited = audit([
      opened(1, a, { allow: 'true' }),
      opened(2, b, { currency: 'EUR' }),
      debit(3, a, { version: 2, amount: '5', balanceAfter: '-5', transfer: 't', counterparty: b }),
      credit(4, b, { version: 2, amount: '5', balanceAfter: '5', transfer: 't', counterparty: a }),
    ]);
    expect(audited.findings).toEqual([
      { kind: 'currency_not_zero', message: 'USD balances sum to -5, not 0' },
      { kind: 'currency_not_zero', message: 'EUR balances sum to 5, not 0' },
    ]);
  });

  it('reports what PostgreSQL found in a row: an edited hash under either scheme, another account in the payload, an unreadable schema', () => {
    const rows = honest();
    rows[1] = [...rows[1].slice(0, 9), 'chain'] as AuditRow;
    rows[3] = debit(4, a, { version: 2, amount: '100', balanceAfter: '-100', transfer: 't1', counterparty: b, problems: 'edited stream' });
    const audited = audit(rows);
    expect(audited.findings).toEqual([
      { kind: 'hash_chain_broken', message: 'event 2: stored hash does not match its content and predecessor (edited, inserted or a predecessor removed)', position: '2' },
      { kind: 'hash_chain_broken', message: 'event 4: stored hash does not match its content (edited)', position: '4' },
      { kind: 'stream_out_of_order', message: `event 4 is in stream ${a} but its payload names another account`, position: '4', accountId: a },
    ]);
    const schema = honest();
    schema[4] = credit(5, b, { version: 2, amount: '100', balanceAfter: '100', transfer: 't1', counterparty: a, problems: 'schema' });
    // The unreadable credit is not folded: its transfer stays open and the balances do not sum to zero.
    expect(kinds(audit(schema))).toEqual(['event_unreadable', 'transfer_unbalanced', 'currency_not_zero']);
  });

  it('reports an event it cannot read instead of failing', () => {
    const unknownType: AuditRow = ['6', a, '3', '"AccountFrozen"', '', '', '', '', '', ''];
    expect(audit([...honest(), unknownType]).findings).toEqual([{ kind: 'event_unreadable', message: `event 6 has type "AccountFrozen", which this build cannot read`, position: '6' }]);
    const fifthPlace = honest();
    fifthPlace[3] = debit(4, a, { version: 2, amount: '100.00001', balanceAfter: '-100.00001', transfer: 't1', counterparty: b });
    expect(kinds(audit(fifthPlace))).toEqual(['event_unreadable', 'transfer_unbalanced', 'currency_not_zero']);
    expect(audit([opened(1, a, { allow: 'yes' })]).findings[0].kind).toBe('event_unreadable');
    expect(audit([opened(1, a, { currency: '' })]).findings[0].kind).toBe('event_unreadable');
    const tooWide = [...opened(1, a), 'x'] as unknown as AuditRow;
    expect(audit([tooWide]).findings).toEqual([{ kind: 'event_unreadable', message: 'event 1: read as 11 columns, not 10', position: '1' }]);
  });

  it(`keeps at most ${findingsMax} findings`, () => {
    const rows = Array.from({ length: findingsMax + 5 }, (_, index) => debit(index + 1, a, { version: index + 2, amount: '1', balanceAfter: '-1', transfer: `t${index}`, counterparty: b }));
    expect(audit(rows).findings).toHaveLength(findingsMax);
  });
});
