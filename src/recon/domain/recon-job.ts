import { Decimal } from '../../common/money/decimal.js';
import { storableText } from '../../common/storable-text.js';
import { logCodeOfUnmatched, logReasonCodes, matchedLogCode, type LogReasonCode } from './log-reason-codes.js';
import type { Candidate } from './matcher.js';
import type { MatchRunResult } from './matching-engine.js';
import type { MatchParameters, ReconRecord } from './recon-record.js';
import type { Unmatched } from './unmatched-explainer.js';

export type ReconJobStatus = 'pending' | 'running' | 'completed' | 'failed';
export type ReconTrigger = 'api' | 'cli' | 'schedule';

export interface ReconJobRequest {
  readonly jobId: string;
  readonly source: string;
  /** YYYY-MM-DD: the first day of the period. */
  readonly businessDate: string;
  /** YYYY-MM-DD, inclusive; equals businessDate for a one-day job. */
  readonly periodTo: string;
  readonly accountId: string | null;
  readonly filePath: string | null;
  readonly params: MatchParameters;
  readonly trigger: ReconTrigger;
  /** The request id of the HTTP request that asked for the job. */
  readonly correlationId: string | null;
}

/** One row of the audit log: a matched pair, an unmatched record of either side, or a rejected input row. */
export interface ReconLogRow {
  side: 'external' | 'internal';
  externalId: string | null;
  externalLine: number | null;
  internalTransferId: string | null;
  internalReference: string | null;
  matched: boolean;
  matchType: 'exact' | 'fuzzy' | null;
  score: number | null;
  amountDiff: string | null;
  timeDiffMinutes: number | null;
  currency: string | null;
  externalAmount: string | null;
  internalAmount: string | null;
  reason: string | null;
  /** Machine-readable, a code of the catalogue (reason-codes.ts). */
  reasonCode: LogReasonCode | null;
}

export interface ReconSummary {
  externalTotal: number;
  internalTotal: number;
  rejectedRows: number;
  matchedExact: number;
  matchedFuzzy: number;
  /** Match groups (one record against several): how many, and the records they matched on each side. */
  matchedGroups: number;
  matchedGroupExternal: number;
  matchedGroupInternal: number;
  unmatchedExternal: number;
  unmatchedInternal: number;
  /** Matched external records over usable external records (0 when there are none), 4 decimals. */
  matchRate: string;
  /** Per currency: the sums of each side and of what matched, as decimal strings. */
  amounts: Record<string, { external: string; internal: string; matched_external: string }>;
}

const blank: ReconLogRow = {
  side: 'external', externalId: null, externalLine: null, internalTransferId: null, internalReference: null, matched: false,
  matchType: null, score: null, amountDiff: null, timeDiffMinutes: null, currency: null, externalAmount: null, internalAmount: null, reason: null, reasonCode: null,
};

export function matchedRow(match: Candidate): ReconLogRow {
  return {
    ...blank,
    externalId: match.external.key,
    externalLine: match.external.line ?? null,
    internalTransferId: match.internal.key,
    internalReference: match.internal.reference || null,
    matched: true,
    matchType: match.type,
    score: match.score,
    amountDiff: match.amountDiff.toFixed(),
    timeDiffMinutes: Math.round(match.timeDiffMinutes * 100) / 100,
    currency: match.external.currency,
    externalAmount: match.external.amount.toFixed(),
    internalAmount: match.internal.amount.toFixed(),
    reason: match.type === 'exact' ? 'same reference, currency and amount within the time window' : `fuzzy score ${match.score} at or above the threshold`,
    reasonCode: matchedLogCode(match.type),
  };
}

export function unmatchedRow(entry: Unmatched, reasonCode: LogReasonCode = logCodeOfUnmatched(entry.code, false)): ReconLogRow {
  const { record } = entry;
  const external = record.side === 'external';
  return {
    ...blank,
    side: record.side,
    externalId: external ? record.key : null,
    externalLine: external ? (record.line ?? null) : null,
    internalTransferId: external ? null : record.key,
    internalReference: external ? null : record.reference || null,
    currency: record.currency,
    externalAmount: external ? record.amount.toFixed() : null,
    internalAmount: external ? null : record.amount.toFixed(),
    score: entry.closest?.score ?? null,
    amountDiff: entry.closest?.amountDiff.toFixed() ?? null,
    timeDiffMinutes: entry.closest ? Math.round(entry.closest.timeDiffMinutes * 100) / 100 : null,
    reason: entry.reason,
    reasonCode,
  };
}

/** A well-formed record dated outside the job's period: reported, neither matched nor counted. */
/** Why a record outside the job's period is not matched; `date` is its own business date. */
export function outOfPeriodReason(date: string, period: { readonly from: string; readonly to: string }): string {
  return `dated ${date}, outside the period ${period.from} .. ${period.to}`;
}

/** The reason may quote the bad cell, whatever it holds; it is stored with unstorable characters replaced. */
export function rejectedRow(line: number, reason: string): ReconLogRow {
  return { ...blank, externalLine: line, reason: storableText(`line ${line}: ${reason}`), reasonCode: logReasonCodes.malformedRow };
}

export function summarize(result: MatchRunResult, external: readonly ReconRecord[], internal: readonly ReconRecord[], rejectedRows: number): ReconSummary {
  const matchedExact = result.matches.filter((match) => match.type === 'exact').length;
  const matchedFuzzy = result.matches.length - matchedExact;
  const usable = external.length + rejectedRows;
  return {
    externalTotal: usable,
    internalTotal: internal.length,
    rejectedRows,
    matchedExact,
    matchedFuzzy,
    // The in-memory engine pairs one-to-one only; groups are searched by the set-based engine.
    matchedGroups: 0,
    matchedGroupExternal: 0,
    matchedGroupInternal: 0,
    unmatchedExternal: result.unmatchedExternal.length + rejectedRows,
    unmatchedInternal: result.unmatchedInternal.length,
    matchRate: usable === 0 ? '0.0000' : new Decimal(result.matches.length).div(usable).toFixed(4),
    amounts: amountTotals(result.matches, external, internal),
  };
}

function amountTotals(matches: readonly Candidate[], external: readonly ReconRecord[], internal: readonly ReconRecord[]): ReconSummary['amounts'] {
  const totals: ReconSummary['amounts'] = {};
  const add = (currency: string, field: 'external' | 'internal' | 'matched_external', amount: Decimal) => {
    totals[currency] ??= { external: '0', internal: '0', matched_external: '0' };
    totals[currency][field] = new Decimal(totals[currency][field]).plus(amount).toFixed();
  };
  for (const record of external) add(record.currency, 'external', record.amount);
  for (const record of internal) add(record.currency, 'internal', record.amount);
  for (const match of matches) add(match.external.currency, 'matched_external', match.external.amount);
  return totals;
}
