import type { Decimal } from '../../../common/money/decimal.js';
import type { ReconRecord } from '../recon-record.js';
import type { LedgerCandidate } from './ledger-candidate.js';
import type { ExternalField, InternalField } from './match-rule.js';

/** A field's value: amounts stay Decimal (compared as numbers); everything else is text, trimmed. */
export type FieldValue = { readonly kind: 'amount'; readonly value: Decimal } | { readonly kind: 'text'; readonly value: string };

const metadataPrefix = 'metadata.';

export function externalValue(record: ReconRecord, field: ExternalField): FieldValue {
  switch (field) {
    case 'amount':
      return { kind: 'amount', value: record.amount };
    case 'id':
      return text(record.key);
    case 'reference':
      return text(record.reference);
    case 'end_to_end_id':
      return text(record.endToEndId);
    case 'currency':
      return text(record.currency);
    case 'counterparty':
      return text(record.counterparty);
  }
}

export function internalValue(candidate: LedgerCandidate, field: InternalField): FieldValue {
  if (field === 'amount') return { kind: 'amount', value: candidate.amount };
  if (field === 'id') return text(candidate.id);
  if (field === 'reference') return text(candidate.reference);
  if (field === 'currency') return text(candidate.currency);
  return text(Object.hasOwn(candidate.metadata, metadataKey(field)) ? candidate.metadata[metadataKey(field)] : undefined);
}

export function isMetadataField(field: string): field is `metadata.${string}` {
  return field.startsWith(metadataPrefix) && field.length > metadataPrefix.length;
}

function metadataKey(field: `metadata.${string}`): string {
  return field.slice(metadataPrefix.length);
}

/** Identifiers are compared as written (after trimming): "E2E-1" and "e2e-1" may be different payments. */
function text(value: string | undefined): FieldValue {
  return { kind: 'text', value: (value ?? '').trim() };
}
