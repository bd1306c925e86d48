import type { Decimal } from '../../../common/money/decimal.js';
import { hasUnstorableCharacter } from '../../../common/storable-text.js';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { SourceItem } from '../../domain/recon-source.js';

/** The fields an adapter parsed from one row; undefined where that field failed (its problem is listed). */
export interface ParsedExternalFields {
  key?: string;
  reference?: string;
  signed?: { amount: Decimal; direction?: 'credit' | 'debit' };
  direction?: 'credit' | 'debit';
  currency?: string;
  occurredAt?: Date;
}

/**
 * Turns one row's parsed fields into a record, or into a rejection listing every problem at once, the
 * same way for every adapter. `position` is the row's line (CSV) or index (API), remembered per id.
 */
export function externalItem(
  fields: ParsedExternalFields,
  problems: readonly string[],
  position: number,
  firstPositionOfId: Map<string, number>,
  reject: (reason: string) => SourceItem,
): SourceItem {
  const { key, reference, signed, currency, occurredAt, direction } = fields;
  // Ids and references are stored and compared as text, which cannot hold these.
  const unstorable = (['id', 'reference'] as const).filter((name) => {
    const value = name === 'id' ? key : reference;
    return value !== undefined && hasUnstorableCharacter(value);
  });
  if (unstorable.length > 0) return reject([...problems, ...unstorable.map((name) => `${name}: contains a NUL character or an unpaired UTF-16 surrogate`)].join('; '));
  if (problems.length > 0 || key === undefined || reference === undefined || signed === undefined || currency === undefined || occurredAt === undefined) {
    return reject(problems.join('; '));
  }
  firstPositionOfId.set(key, position);
  const record: ReconRecord = { side: 'external', key, reference, amount: signed.amount, currency, occurredAt, line: position };
  return { kind: 'record', record: direction === undefined ? record : { ...record, direction } };
}
