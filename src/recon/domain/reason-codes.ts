/**
 * The one catalogue of reason codes a reconciliation log row carries beside its sentence. Codes are stable:
 * reports, dashboards and finance teams classify lines by them, so a code is never renamed or reused for
 * another meaning; a new situation gets a new code. The sentence may change wording; the code may not.
 */
export const reasonCatalogue = {
  // A match, and which kind of rule made it.
  matched_exact: 'matched by an exact rule: the fields it compares are equal on both sides',
  matched_tolerance: 'matched by a tolerance rule: same reference, amount and time or date within its tolerances',
  matched_fuzzy: 'matched by a fuzzy rule: the weighted score reached its threshold',
  matched_group: 'matched as a group: one record against several on the other side whose amounts sum within tolerance',
  // Why a pair or a record did not match.
  no_candidate: 'nothing on the other side is within the amount and time tolerances of any rule',
  below_threshold: 'the closest pair scores under the fuzzy threshold',
  counterpart_taken: 'the closest counterpart is already matched, in this job or by a live job of another period',
  not_selected: 'a rule accepts the pair, but the one-to-one assignment gave one of its records to a better pair',
  field_missing: 'a field an exact rule compares is empty on one side, so that rule cannot apply',
  field_mismatch: 'a field a rule requires to be equal (an identifier, the reference) differs between the two sides',
  amount_outside_tolerance: 'the amounts differ by more than the rule allows',
  time_outside_window: 'the timestamps are further apart than the rule’s time window',
  date_outside_lag: 'the booking date is not within the rule’s allowed lag after the ledger’s business day',
  direction_mismatch: 'on an account-scoped job, money moves in opposite directions on the two sides',
  currency_mismatch: 'the two sides are in different currencies; matching never converts',
  currency_unsupported: 'the record’s currency is not enabled for this reconciliation, so it was never matched',
  out_of_period: 'the record’s own date is outside the job’s period; a job for that period will consider it',
  malformed_row: 'the source row could not be read as a record (missing or invalid field)',
  ambiguous_group: 'two or more groups fit equally well (same sum difference, same size), so none was chosen',
  group_search_capped: 'the candidate pool for a group search was cut to its limit; a group among the dropped items was not tried',
  statement_balance_break: 'a statement’s opening balance plus its entries does not give its closing balance',
  statement_gap: 'a statement does not start where the previous one of the account ended',
  statement_overlap: 'a statement covers days or entries another statement of the account already covered',
  statement_currency_mismatch: 'an entry’s currency differs from its statement’s account currency',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof reasonCatalogue;

export const reasonCodes: readonly ReasonCode[] = Object.freeze(Object.keys(reasonCatalogue) as ReasonCode[]);

/** For validating codes read back from storage or sent by a client. */
export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && Object.hasOwn(reasonCatalogue, value);
}

/** The one-line meaning, for documentation and API descriptions. */
export function reasonMeaning(code: ReasonCode): string {
  return reasonCatalogue[code];
}
