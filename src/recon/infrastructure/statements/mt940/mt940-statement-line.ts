import type { Decimal } from '../../../../common/money/decimal.js';
import { entryDate, swiftAmount, swiftDate, type Parsed } from './mt940-values.js';

/** One :61: statement line: what moved, when, and the references the banks gave it. */
export interface Mt940StatementLine {
  readonly valueDate: string;
  /** The entry date when the line gives one, else the value date. */
  readonly bookingDate: string;
  /** Money in or out for the account holder: RC (reversal of a credit) is a debit, RD a credit. */
  readonly direction: 'credit' | 'debit';
  /** The mark when it is a reversal (RC, RD). */
  readonly reversal?: 'RC' | 'RD';
  /** Unsigned. */
  readonly amount: Decimal;
  /** SWIFT transaction type identification, e.g. NTRF or NMSC. */
  readonly typeCode: string;
  /** Reference for the account owner; absent when the bank wrote NONREF. */
  readonly customerReference?: string;
  /** The servicing bank's reference, after "//". */
  readonly bankReference?: string;
  /** The optional second line (supplementary details). */
  readonly supplementary?: string;
}

const linePattern = /^(\d{6})(\d{4})?(RC|RD|C|D)[A-Z]?(\d+,\d*)([SNF][A-Z0-9]{3})(.*)$/;

/** `lines` is the :61: field: its first line without the tag, and the supplementary line if any. */
export function parseStatementLine(lines: readonly string[]): Parsed<Mt940StatementLine> {
  const text = lines[0].trimEnd();
  const match = linePattern.exec(text);
  if (match === null) return { problem: `:61: ${statementLineShapeProblem(text)}` };
  const [, yymmdd, mmdd, mark, amountText, typeCode, references] = match;
  const valueDate = swiftDate(yymmdd);
  const separator = references.indexOf('//');
  const customerReference = noneIfNonref(separator < 0 ? references : references.slice(0, separator));
  const bankReference = separator < 0 ? undefined : noneIfNonref(references.slice(separator + 2));
  const supplementary = lines[1]?.trim();
  return {
    value: {
      valueDate,
      bookingDate: mmdd === undefined ? valueDate : entryDate(valueDate, mmdd),
      direction: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
      ...(mark === 'RC' || mark === 'RD' ? { reversal: mark } : {}),
      amount: swiftAmount(amountText),
      typeCode,
      ...(customerReference === undefined ? {} : { customerReference }),
      ...(bankReference === undefined ? {} : { bankReference }),
      ...(supplementary ? { supplementary } : {}),
    },
  };
}

function noneIfNonref(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === 'NONREF' ? undefined : trimmed;
}

/** Names the first part that is wrong, in the order the subfields come. */
function statementLineShapeProblem(text: string): string {
  if (!/^\d{6}/.test(text)) return 'expected the value date YYMMDD first';
  if (!/^\d{6}(\d{4})?(RC|RD|C|D)/.test(text)) return 'expected the mark C, D, RC or RD after the value date (and optional entry date MMDD)';
  if (!/^\d{6}(\d{4})?(RC|RD|C|D)[A-Z]?\d+,\d*/.test(text)) return 'expected the amount with a decimal comma (e.g. 1234,56) after the mark';
  return 'expected a transaction type code (e.g. NTRF, NMSC) after the amount';
}
