import type { Decimal } from '../../../common/money/decimal.js';
import { hasUnstorableCharacter } from '../../../common/storable-text.js';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { SourceItem } from '../../domain/recon-source.js';

/** The fields an adapter parsed from one row; undefined where that field failed (its problem is listed). */
export interface ParsedExternalFields {
  key?: string;
  /** For a key derived from content: the key without its occurrence number (ReconRecord.keyBase). */
  keyBase?: string;
  reference?: string;
  signed?: { amount: Decimal; direction?: 'credit' | 'debit' };
  direction?: 'credit' | 'debit';
  currency?: string;
  occurredAt?: Date;
  /** Set for date-only rows, with bookingDate (occurredAt is then 00:00 UTC of that date). */
  timePrecision?: 'date';
  bookingDate?: string;
  valueDate?: string;
  counterparty?: string;
  description?: string;
  endToEndId?: string;
  groupId?: string;
}

/** Free-text fields stored as text, which cannot hold a NUL or an unpaired surrogate. */
const textFields = ['key', 'reference', 'counterparty', 'description', 'endToEndId', 'groupId'] as const;
/** The names reasons use for them. */
const textFieldNames: Readonly<Record<(typeof textFields)[number], string>> = {
  key: 'id',
  reference: 'reference',
  counterparty: 'counterparty',
  description: 'description',
  endToEndId: 'endToEndId',
  groupId: 'groupId',
};

/**
 * Turns one row's parsed fields into a record, or into a rejection listing every problem at once, the
 * same way for every adapter. `position` is the row's line (CSV) or index (API). Repeated ids are not
 * checked here: that needs every id seen, which staging (or a preview) holds instead (repeated-ids.ts).
 */
export function externalItem(
  fields: ParsedExternalFields,
  problems: readonly string[],
  position: number,
  reject: (reason: string) => SourceItem,
): SourceItem {
  const { key, reference, signed, currency, occurredAt, direction } = fields;
  // Ids and texts are stored and compared as text, which cannot hold these.
  const unstorable = textFields.filter((name) => fields[name] !== undefined && hasUnstorableCharacter(fields[name]));
  if (unstorable.length > 0) {
    const reasons = unstorable.map((name) => `${textFieldNames[name]}: contains a NUL character or an unpaired UTF-16 surrogate`);
    return reject([...problems, ...reasons].join('; '));
  }
  if (problems.length > 0 || key === undefined || reference === undefined || signed === undefined || currency === undefined || occurredAt === undefined) {
    return reject(problems.join('; '));
  }
  const record: ReconRecord = { side: 'external', key, reference, amount: signed.amount, currency, occurredAt, line: position, ...optional(fields) };
  return { kind: 'record', record: direction === undefined ? record : { ...record, direction } };
}

/** Only the fields the source gave, so records of sources without them keep their old shape. */
function optional(fields: ParsedExternalFields): Partial<ReconRecord> {
  const out: { -readonly [K in keyof ReconRecord]?: ReconRecord[K] } = {};
  if (fields.keyBase !== undefined) out.keyBase = fields.keyBase;
  if (fields.timePrecision !== undefined) [out.timePrecision, out.bookingDate] = [fields.timePrecision, fields.bookingDate];
  if (fields.valueDate !== undefined) out.valueDate = fields.valueDate;
  if (fields.counterparty) out.counterparty = fields.counterparty;
  if (fields.description) out.description = fields.description;
  if (fields.endToEndId) out.endToEndId = fields.endToEndId;
  if (fields.groupId) out.groupId = fields.groupId;
  return out;
}
