import { formatAmount } from './reason-format.js';
import type { ReconRecord } from './recon-record.js';

/**
 * The sentence for a record that found no counterpart moving money its way, although `opposite` (on the
 * other side, within the amount and time tolerances) moves the same amount the other way on the job's
 * account: most often a reversal, or a line booked against the wrong account.
 */
export function directionMismatchReason(record: ReconRecord, opposite: ReconRecord): string {
  const [external, internal] = record.side === 'external' ? [record, opposite] : [opposite, record];
  const reference = internal.reference.trim();
  const transfer = reference === '' ? `ledger transfer ${internal.key} (no reference)` : `ledger transfer '${reference}' (id ${internal.key})`;
  return (
    `external record ${external.key} is a ${external.direction ?? 'movement'} of ${formatAmount(external.amount)} ${external.currency} on the job's account, ` +
    `but ${transfer}, within the tolerances, is a ${internal.direction ?? 'movement'} of ${formatAmount(internal.amount)}: money moves the other way, so they do not match`
  );
}
