import { Decimal } from '../../../common/money/decimal.js';
import type { ReasonCode } from '../reason-codes.js';
import type { ReconSide } from '../recon-record.js';
import { compareText } from '../ordering.js';
import { formatAmount } from '../reason-format.js';
import { findMatchGroup } from './find-match-group.js';
import type { GroupItem } from './group-item.js';
import type { GroupSettings } from './group-settings.js';

/** A record as the group phase sees it: a GroupItem that knows its side and how a report names it. */
export interface GroupRecord extends GroupItem {
  readonly side: ReconSide;
  /** The transfer's reference (empty when it has none); an external record is named by its key. */
  readonly reference: string;
}

export type GroupOutcome =
  | { readonly kind: 'grouped'; readonly members: readonly GroupRecord[]; readonly amountDiff: Decimal; readonly reason: string }
  | { readonly kind: 'unmatched'; readonly code: Extract<ReasonCode, 'ambiguous_group' | 'group_search_capped'>; readonly reason: string }
  | { readonly kind: 'none' };

/**
 * What the group search says about `target` and its pool (records of the other side, in its currency and
 * time window, not yet matched), in words a reviewer reads on the log. `cut` is true when the pool handed in
 * had already been cut to the limit (more candidates existed than were read). A search that found nothing
 * and was not cut leaves the record to the usual unmatched explanation (`none`).
 */
export function decideGroup(target: GroupRecord, pool: readonly GroupRecord[], settings: GroupSettings, cut: boolean): GroupOutcome {
  const result = findMatchGroup(target, pool, { tolerance: settings.tolerance, maxItems: settings.maxItems, poolMax: settings.poolMax });
  const capped = result.capped || cut;
  if (result.kind === 'found') {
    const reason = `group of ${nameOf(target)}: ${result.members.length} ${noun(result.members[0].side, true)} ${listed(result.members)}, sum ${formatAmount(result.sum)} ${relation(result.amountDiff)} ${formatAmount(target.amount)} ${target.currency}`;
    return { kind: 'grouped', members: result.members, amountDiff: result.amountDiff, reason };
  }
  if (result.kind === 'ambiguous') {
    const groups = result.groups.map((members) => listed(members)).join('; ');
    const more = result.tiedGroups > result.groups.length ? ` (${result.tiedGroups} in all, first ${result.groups.length} listed)` : '';
    const reason = `${result.tiedGroups} groups of ${noun(otherSideOf(target), true)} fit ${nameOf(target)} ${formatAmount(target.amount)} ${target.currency} equally (difference ${formatAmount(result.amountDiff)}): ${groups}${more}; none was chosen`;
    return { kind: 'unmatched', code: 'ambiguous_group', reason };
  }
  if (capped) {
    const reason = `no group of up to ${settings.maxItems} ${noun(otherSideOf(target), true)} sums to ${nameOf(target)} ${formatAmount(target.amount)} ${target.currency} among the ${settings.poolMax} nearest in time; more candidates were not searched`;
    return { kind: 'unmatched', code: 'group_search_capped', reason };
  }
  return { kind: 'none' };
}

/** How a group names a record: an external record by its key, a transfer by its reference, else its id. */
export function nameOf(record: GroupRecord): string {
  if (record.side === 'external') return `external record ${record.key}`;
  return `ledger transfer ${record.reference === '' ? record.key : record.reference}`;
}

/** Members as a reader adds them up: by amount, then name (the group itself is kept in key order). */
function listed(members: readonly GroupRecord[]): string {
  const label = (member: GroupRecord) => (member.side === 'external' ? member.key : member.reference || member.key);
  return [...members].sort((a, b) => a.amount.comparedTo(b.amount) || compareText(label(a), label(b))).map((member) => `${member.side === 'external' ? member.key : member.reference || member.key} ${formatAmount(member.amount)}`).join(' + ');
}

function noun(side: ReconSide, plural: boolean): string {
  const word = side === 'external' ? 'external record' : 'ledger transfer';
  return plural ? `${word}s` : word;
}

function relation(diff: Decimal): string {
  return diff.isZero() ? '=' : `(${formatAmount(diff)} off, within tolerance) vs`;
}

const otherSideOf = (record: GroupRecord): ReconSide => (record.side === 'external' ? 'internal' : 'external');

/** Kept for callers building a GroupRecord from SQL text. */
export function groupRecord(side: ReconSide, key: string, reference: string, amount: string, currency: string, occurredAt: Date, groupId?: string | null): GroupRecord {
  return { side, key, reference, amount: new Decimal(amount), currency, occurredAt, ...(groupId == null ? {} : { groupId }) };
}
