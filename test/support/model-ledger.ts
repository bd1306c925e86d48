/**
 * A reference model of the ledger's transfer rules, written from the README (not from src/): balances are
 * bigint minor units, each account holds one currency, and a transfer is decided by the documented rule
 * order SAME_ACCOUNT, ACCOUNT_NOT_FOUND (source, then destination), CURRENCY_MISMATCH, INSUFFICIENT_FUNDS.
 * Used by the property tests against the domain and by the HTTP fuzzer as the oracle of what must move.
 */

/** ISO 4217 minor units of the currencies the tests use (hand-written, independent of src/). */
export const modelMinorUnits: Readonly<Record<string, number>> = Object.freeze({ USD: 2, EUR: 2, JPY: 0, KWD: 3, BHD: 3, CLF: 4 });

export function minorUnitsOfModel(currency: string): number {
  const units = modelMinorUnits[currency];
  if (units === undefined) throw new Error(`model: no minor unit for ${currency}`);
  return units;
}

export interface ModelAccount {
  readonly id: string;
  readonly currency: string;
  readonly allowOverdraft: boolean;
  /** In minor units; only meaningful with allowOverdraft. null: no limit. */
  readonly limit: bigint | null;
  balance: bigint;
  /** Postings (debits and credits) applied; the stream version is 1 + postings. */
  postings: number;
}

export type RuleCode = 'SAME_ACCOUNT' | 'ACCOUNT_NOT_FOUND' | 'CURRENCY_MISMATCH' | 'INSUFFICIENT_FUNDS';

export type Decision =
  | { ok: true; sourceBalanceAfter: bigint; destinationBalanceAfter: bigint }
  | { ok: false; code: RuleCode; field?: 'source_account_id' | 'destination_account_id' };

export class LedgerModel {
  readonly accounts = new Map<string, ModelAccount>();

  open(id: string, currency: string, allowOverdraft: boolean, limit: bigint | null): ModelAccount {
    if (this.accounts.has(id)) throw new Error(`model: ${id} already open`);
    if (limit !== null && limit < 0n) throw new Error('model: negative limit');
    const account: ModelAccount = { id, currency, allowOverdraft, limit, balance: 0n, postings: 0 };
    this.accounts.set(id, account);
    return account;
  }

  /** The lowest balance allowed, or null when the account may go as low as it likes. */
  floorOf(account: ModelAccount): bigint | null {
    if (!account.allowOverdraft) return 0n;
    return account.limit === null ? null : -account.limit;
  }

  /** What the rules say about a transfer of `amount` minor units of `currency`; changes nothing. */
  decide(sourceId: string, destinationId: string, currency: string, amount: bigint): Decision {
    if (amount <= 0n) throw new Error('model: amounts are positive');
    if (sourceId === destinationId) return { ok: false, code: 'SAME_ACCOUNT' };
    const source = this.accounts.get(sourceId);
    if (!source) return { ok: false, code: 'ACCOUNT_NOT_FOUND', field: 'source_account_id' };
    const destination = this.accounts.get(destinationId);
    if (!destination) return { ok: false, code: 'ACCOUNT_NOT_FOUND', field: 'destination_account_id' };
    if (source.currency !== currency || destination.currency !== currency) return { ok: false, code: 'CURRENCY_MISMATCH' };
    const sourceBalanceAfter = source.balance - amount;
    const floor = this.floorOf(source);
    if (floor !== null && sourceBalanceAfter < floor) return { ok: false, code: 'INSUFFICIENT_FUNDS' };
    return { ok: true, sourceBalanceAfter, destinationBalanceAfter: destination.balance + amount };
  }

  /** Decides and, when accepted, moves the money. */
  transfer(sourceId: string, destinationId: string, currency: string, amount: bigint): Decision {
    const decision = this.decide(sourceId, destinationId, currency, amount);
    if (decision.ok) {
      const source = this.accounts.get(sourceId)!;
      const destination = this.accounts.get(destinationId)!;
      source.balance = decision.sourceBalanceAfter;
      destination.balance = decision.destinationBalanceAfter;
      source.postings += 1;
      destination.postings += 1;
    }
    return decision;
  }

  /** How much `id` can send right now (null: unlimited). */
  headroom(id: string): bigint | null {
    const account = this.accounts.get(id);
    if (!account) return null;
    const floor = this.floorOf(account);
    return floor === null ? null : account.balance - floor;
  }

  balanceText(id: string): string {
    const account = this.accounts.get(id)!;
    return minorToText(account.balance, minorUnitsOfModel(account.currency));
  }

  sumsByCurrency(): Map<string, bigint> {
    const sums = new Map<string, bigint>();
    for (const account of this.accounts.values()) sums.set(account.currency, (sums.get(account.currency) ?? 0n) + account.balance);
    return sums;
  }
}

/** -12345n at 2 decimals -> "-123.45"; 5n at 3 -> "0.005"; 7n at 0 -> "7". */
export function minorToText(minor: bigint, decimals: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, '0');
  const integer = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${integer}${decimals > 0 ? `.${fraction}` : ''}`;
}

/** The inverse of minorToText for plain decimal strings with at most `decimals` places ("-1.5" -> -150n at 2). */
export function textToMinor(text: string, decimals: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`model: not a plain decimal: ${JSON.stringify(text)}`);
  const fraction = match[3] ?? '';
  if (fraction.length > decimals) {
    if (!/^0*$/.test(fraction.slice(decimals))) throw new Error(`model: ${text} has more than ${decimals} decimals`);
  }
  const minor = BigInt(match[2] + fraction.slice(0, decimals).padEnd(decimals, '0'));
  return match[1] === '-' ? -minor : minor;
}

/**
 * The README's amount rule, by hand: [int](.[frac])? in plain ASCII digits, no sign, no exponent, no
 * leading zero, at most 18 integer digits and `decimalsMax` decimals, greater than zero.
 */
export function isValidAmountText(text: unknown, decimalsMax: number): boolean {
  if (typeof text !== 'string') return false;
  const isDigit = (char: string) => char.length === 1 && char >= '0' && char <= '9';
  const parts = text.split('.');
  if (parts.length > 2) return false;
  const [integer, fraction] = [parts[0]!, parts[1]];
  if (integer.length === 0 || integer.length > 18 || ![...integer].every(isDigit)) return false;
  if (integer.length > 1 && integer.startsWith('0')) return false;
  if (fraction !== undefined && (fraction.length === 0 || fraction.length > decimalsMax || ![...fraction].every(isDigit))) return false;
  return [...integer, ...(fraction ?? '')].some((char) => char !== '0');
}
