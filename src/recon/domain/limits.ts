/**
 * Every bound the reconciliation core enforces, in one place (TigerBeetle style). Names put the most
 * significant word first (`candidatesPerRecordMax`, not `maxCandidatesPerRecord`) so related limits sort
 * together. Inputs are checked against these at the edge, so matchers never meet an unbounded input.
 */

/** Records one side may hold in the in-memory matchers (the domain model the explainer and specs use). */
export const recordsPerSideMax = 1_000_000;

/**
 * Records one source may give one job. Jobs stage records in PostgreSQL, so this bounds a job's disk and
 * time, not Node's memory: ten million is years of a busy account's statement lines, and a runaway file or
 * API is stopped rather than read forever.
 */
export const sourceRecordsPerJobMax = 10_000_000;

/** Record keys (bank transaction ids, ledger UUIDs) are identifiers, not prose. */
export const keyLengthMax = 128;

/** Longer than the ledger's own limit (128) because bank descriptions are often wordier than our references. */
export const referenceLengthMax = 255;

/** Candidates a matcher keeps per external record (the best ones); enough to survive a few lost races. */
export const candidatesPerRecordMax = 8;

/**
 * Pairs scored per record inside its blocking window. Bounds the worst case (e.g. thousands of identical
 * payouts in one minute) to linear time; the window is walked nearest-in-time first, so what is skipped
 * is what the time score would rank lowest anyway.
 */
export const comparisonsPerRecordMax = 2_048;

/**
 * The largest amount difference a caller may allow. Blocking puts amounts within the allowance in
 * neighbouring buckets, so a huge allowance would make every record a neighbour of every other.
 */
export const allowedAmountDiffMax = 1_000;

/** Business days one job may cover: a month of statements, and a bound on what one job holds. */
export const periodDaysMax = 31;

/** Time tolerance a job may ask for: one week covers weekend settlement lags without making windows huge. */
export const timeDiffMinutesMax = 7 * 24 * 60;

/** Amounts accepted from files: same integer digits as the ledger, more fraction digits for FX rates. */
export const amountIntegerDigitsMax = 18;
export const amountFractionDigitsMax = 12;

/** A CSV record larger than this is a corrupt file (an unclosed quote), not data. */
export const csvRecordCharsMax = 65_536;
export const csvColumnsMax = 256;

/** Raw text kept on a rejected row, for the report; the line number locates the rest. */
export const rejectedRawCharsMax = 512;

/** Rules per source: an ordered list a finance team can read at a glance, and a bounded cost per pair. */
export const matchRulesPerSourceMax = 10;

/** Percentage tolerance of a rule: beyond 10% a "match" is a guess, not a reconciliation. */
export const tolerancePercentMax = 10;

/** Absolute amount tolerance of a rule, in the currency's units (fees and FX rounding, not different payments). */
export const toleranceAbsoluteMax = allowedAmountDiffMax;

/** Days a bank may book after the ledger: a week covers weekends and holidays around a settlement. */
export const dateLagDaysMax = 7;

/** Members one match group may have when the caller sets no limit (a payout batch, split settlements). */
export const groupMembersDefault = 5;

/** Candidates a group search considers when the caller sets no limit; the rest are cut by closeness. */
export const groupPoolDefault = 30;

/**
 * Subsets a group search may have to visit in the worst case, sum over k <= members of C(pool, k). The
 * default 5 of 30 is 174,437; options that would exceed this bound (e.g. 8 of 30) are refused up front.
 */
export const groupSubsetsMax = 200_000;

/** Tied groups an ambiguous result lists: enough for a reviewer to see the choice, not a dump. */
export const ambiguousGroupsListedMax = 3;
