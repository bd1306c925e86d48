import { storableText } from '../../../../common/storable-text.js';
import { rejectedRawCharsMax } from '../../../domain/limits.js';
import type { SourceItem, StatementBalances } from '../../../domain/recon-source.js';
import { statementEntryItem } from '../statement-entry.js';
import { parseBalance, type Mt940Balance } from './mt940-balance.js';
import { DerivedEntryIds } from './mt940-entry-ids.js';
import type { Mt940Piece } from './mt940-fields.js';
import { parseInformation } from './mt940-information.js';
import { parseStatementLine } from './mt940-statement-line.js';

type Field = Extract<Mt940Piece, { kind: 'field' }>;

interface OpenStatement {
  readonly key: string;
  readonly line: number;
  account?: string;
  opening?: Mt940Balance;
  closing?: Mt940Balance;
}

/** A :61: waiting for the :86: that may follow it. */
interface PendingEntry {
  readonly statementLine: Field;
  readonly statement?: OpenStatement;
}

/** Fields that say nothing the records or balances need: related reference, floor limits, sums, available balances. */
const ignoredTags = new Set(['21', '13', '13D', '34F', '90C', '90D', '64', '65']);

/**
 * Turns the pieces of an MT940 file into records, rejections and statement balances, in file order. A
 * statement starts at :20: (or at its first header field when :20: is missing) and ends at the next :20:,
 * a "-" line, the end of a SWIFT message or the end of the file; its balances follow its records.
 */
export class Mt940StatementReader {
  private statement?: OpenStatement;
  private pending?: PendingEntry;
  private statements = 0;
  private readonly ids = new DerivedEntryIds();

  accept(piece: Mt940Piece): SourceItem[] {
    if (piece.kind === 'end') return this.endStatement();
    if (piece.kind === 'stray') return [rejected(piece.line, piece.reason, piece.text)];
    return this.acceptField(piece);
  }

  finish(): SourceItem[] {
    return this.endStatement();
  }

  private acceptField(field: Field): SourceItem[] {
    const { tag } = field;
    if (tag === '86') {
      if (this.pending === undefined) return []; // information about the whole statement
      return this.flushEntry(field);
    }
    // Non-SWIFT lines some banks put between an entry's fields: not part of the entry, not the end of it.
    if (tag === 'NS') return [];
    const out = this.flushEntry(undefined);
    if (tag === '20') {
      out.push(...this.endStatement());
      this.openStatement(field.line);
    } else if (tag === '25' || tag === '28C' || tag === '28' || tag.startsWith('60') || tag.startsWith('62')) {
      out.push(...this.headerField(field));
    } else if (tag === '61') {
      this.pending = { statementLine: field, statement: this.statement };
    } else if (!ignoredTags.has(tag)) {
      out.push(rejected(field.line, `unknown MT940 field :${tag}:`, fieldText(field)));
    }
    return out;
  }

  private openStatement(line: number): OpenStatement {
    this.statements += 1;
    this.statement = { key: `mt940:${this.statements}`, line };
    return this.statement;
  }

  private headerField(field: Field): SourceItem[] {
    const statement = this.statement ?? this.openStatement(field.line);
    const value = field.lines[0].trim();
    if (field.tag === '25') statement.account = value;
    if (field.tag === '25' || field.tag.startsWith('28')) return [];
    if (field.tag !== '60F' && field.tag !== '60M' && field.tag !== '62F' && field.tag !== '62M') {
      return [rejected(field.line, `unknown MT940 field :${field.tag}:`, fieldText(field))];
    }
    const opening = field.tag.startsWith('60');
    const balance = parseBalance(value);
    if ('problem' in balance) return [rejected(field.line, `:${field.tag}: ${balance.problem}`, fieldText(field))];
    if (opening ? statement.opening !== undefined : statement.closing !== undefined) {
      return [rejected(field.line, `:${field.tag}: a second ${opening ? 'opening' : 'closing'} balance in one statement`, fieldText(field))];
    }
    const other = opening ? statement.closing : statement.opening;
    if (other !== undefined && other.currency !== balance.value.currency) {
      return [rejected(field.line, `:${field.tag}: currency ${balance.value.currency} differs from the statement's ${other.currency}`, fieldText(field))];
    }
    if (opening) statement.opening = balance.value;
    else statement.closing = balance.value;
    return [];
  }

  private flushEntry(information: Field | undefined): SourceItem[] {
    const pending = this.pending;
    if (pending === undefined) return [];
    this.pending = undefined;
    return [this.entryItem(pending, information)];
  }

  private entryItem({ statementLine, statement }: PendingEntry, informationField: Field | undefined): SourceItem {
    const raw = fieldText(statementLine);
    const { line } = statementLine;
    const currency = statement?.opening?.currency;
    if (currency === undefined) {
      return rejected(line, ':61: entry without a preceding opening balance (:60F:), so its currency is unknown', raw);
    }
    const parsed = parseStatementLine(statementLine.lines);
    if ('problem' in parsed) return rejected(line, parsed.problem, raw);
    const entry = parsed.value;
    const information = informationField === undefined ? {} : parseInformation(informationField.lines);
    const reference = entry.customerReference ?? information.endToEndId ?? information.customerReference ?? '';
    const account = statement!.account ?? '';
    const id = entry.bankReference ?? this.ids.next({ account, bookingDate: entry.bookingDate, amount: entry.amount, direction: entry.direction, reference });
    const reversal = entry.reversal === undefined ? undefined : `reversal (${entry.reversal})`;
    const description = [reversal, information.description, entry.supplementary].filter((part) => part !== undefined).join('; ');
    return statementEntryItem(
      {
        id,
        reference,
        endToEndId: information.endToEndId,
        amount: entry.amount,
        direction: entry.direction,
        currency,
        bookingDate: entry.bookingDate,
        valueDate: entry.valueDate,
        counterparty: information.counterparty,
        description,
        statementKey: statement!.key,
      },
      { line },
      raw,
    );
  }

  private endStatement(): SourceItem[] {
    const out = this.flushEntry(undefined);
    const statement = this.statement;
    if (statement === undefined) return out;
    this.statement = undefined;
    const currency = statement.opening?.currency ?? statement.closing?.currency;
    const missing = [
      statement.account ? undefined : 'no account (:25:)',
      currency === undefined ? 'no readable opening or closing balance (:60F:/:62F:)' : undefined,
    ].filter((problem) => problem !== undefined);
    if (missing.length > 0) {
      out.push(rejected(statement.line, `statement ${statement.key}: ${missing.join('; ')}; its balances cannot be checked`));
      return out;
    }
    const balances: StatementBalances = {
      key: statement.key,
      account: statement.account!,
      currency: currency!,
      ...(statement.opening === undefined ? {} : { opening: { amount: statement.opening.amount, date: statement.opening.date } }),
      ...(statement.closing === undefined ? {} : { closing: { amount: statement.closing.amount, date: statement.closing.date } }),
      location: `line ${statement.line}`,
    };
    out.push({ kind: 'statement', statement: balances });
    return out;
  }
}

function rejected(line: number, reason: string, raw?: string): SourceItem {
  return { kind: 'rejected', line, reason: storableText(reason), ...(raw === undefined ? {} : { raw: rawText(raw) }) };
}

/** The field as the file wrote it, cut to what a report keeps. */
function fieldText(field: Field): string {
  return rawText(`:${field.tag}:${field.lines.join('\n')}`);
}

function rawText(text: string): string {
  return storableText(text.slice(0, rejectedRawCharsMax));
}
