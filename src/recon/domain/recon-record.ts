import { ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { allowedAmountDiffMax, timeDiffMinutesMax } from './limits.js';

export type ReconSide = 'external' | 'internal';

/**
 * One movement on either side of a reconciliation: a bank/provider row (external) or a ledger transfer
 * (internal), reduced to what matching needs.
 */
export interface ReconRecord {
  readonly side: ReconSide;
  /** External row id or ledger transfer id; unique per side within a job (repeats are settled by repeated-ids.ts). */
  readonly key: string;
  /**
   * For a key derived from content: the key without its occurrence number. The reader gives `keyBase` + "1";
   * the n-th identical row of the file becomes `keyBase` + n where all rows are seen (repeated-ids.ts).
   */
  readonly keyBase?: string;
  /** Free text; may be empty (ledger transfers without a reference), which never matches on reference. */
  readonly reference: string;
  /** Always positive: sources strip the sign, because ledger transfer amounts are unsigned. */
  readonly amount: Decimal;
  /** Uppercase ISO 4217 code. */
  readonly currency: string;
  readonly occurredAt: Date;
  /** 1-based CSV line for external rows, so reports can point at the file. */
  readonly line?: number;
  /**
   * Only when the source knows it. For external records, seen from the account holder at the bank:
   * 'credit' is money in, 'debit' is money out (a reversal of a credit, RC, is a debit).
   */
  readonly direction?: 'credit' | 'debit';
  /**
   * 'time' (the default) when occurredAt is a real instant; 'date' when the source gives only a booking
   * date: occurredAt is then 00:00 UTC of `bookingDate` and matching compares calendar days, not minutes.
   */
  readonly timePrecision?: 'time' | 'date';
  /** YYYY-MM-DD booking date as the statement gives it; required when timePrecision is 'date'. */
  readonly bookingDate?: string;
  /** YYYY-MM-DD value date when the statement gives one (kept for reports; matching uses the booking date). */
  readonly valueDate?: string;
  /** End-to-end id (ISO 20022 EndToEndId, MT940 EREF+) when the source knows it. */
  readonly endToEndId?: string;
  /** Name (and account, when given) of the other party. */
  readonly counterparty?: string;
  /** Free text beyond the reference (MT940 :86:, camt AddtlNtryInf, OFX MEMO). */
  readonly description?: string;
  /**
   * Shared by records that came from one bank entry with several details (a batch booking), so that
   * one-to-many matching can treat them as a group.
   */
  readonly groupId?: string;
  /** Names the statement (a SourceItem of kind 'statement') whose balances this record moves. */
  readonly statementKey?: string;
}

export interface MatchParameters {
  /** Minimum fuzzy score (0..1) for a pair to become a candidate. */
  readonly fuzzyThreshold: number;
  /** Largest absolute amount difference still considered the same movement (fees, FX rounding). */
  readonly allowedAmountDiff: Decimal;
  /** Largest time difference, inclusive, between the two sides of a match. */
  readonly maxTimeDiffMinutes: number;
}

export const DEFAULT_MATCH_PARAMETERS: MatchParameters = Object.freeze({
  fuzzyThreshold: 0.8,
  allowedAmountDiff: new Decimal('0.05'),
  maxTimeDiffMinutes: 60,
});

/** Throws ValidationFailed naming the parameter, so a bad job request fails before any matching. */
export function validateMatchParameters(params: MatchParameters): MatchParameters {
  const { fuzzyThreshold, allowedAmountDiff, maxTimeDiffMinutes } = params;
  if (!Number.isFinite(fuzzyThreshold) || fuzzyThreshold < 0 || fuzzyThreshold > 1) {
    throw ValidationFailed.field('fuzzyThreshold', 'must be a number between 0 and 1');
  }
  if (!allowedAmountDiff.isFinite() || allowedAmountDiff.lt(0) || allowedAmountDiff.gt(allowedAmountDiffMax)) {
    throw ValidationFailed.field('allowedAmountDiff', `must be a non-negative decimal of at most ${allowedAmountDiffMax}`);
  }
  if (!Number.isInteger(maxTimeDiffMinutes) || maxTimeDiffMinutes < 0 || maxTimeDiffMinutes > timeDiffMinutesMax) {
    throw ValidationFailed.field('maxTimeDiffMinutes', `must be an integer between 0 and ${timeDiffMinutesMax}`);
  }
  return params;
}
