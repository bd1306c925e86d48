import { DomainError } from '../../../../common/errors/domain-error.js';
import { storableText } from '../../../../common/storable-text.js';
import { rejectedRawCharsMax } from '../../../domain/limits.js';
import type { SourceItem, StatementBalances } from '../../../domain/recon-source.js';
import { isCalendarDate, statementEntryItem } from '../statement-entry.js';
import type { StatementParseOptions } from '../statement-format.js';
import { rawAmount, scaledAmount, signedAmountPattern, unsignedAmountPattern } from './bai2-amounts.js';
import { bai2Date } from './bai2-dates.js';
import { Bai2DerivedIds } from './bai2-entry-ids.js';
import { Bai2Fields } from './bai2-fields.js';
import { readFundsType } from './bai2-funds-type.js';
import { bai2RecordCharsMax, type Bai2OrphanContinuation, type Bai2Record } from './bai2-records.js';
import { bai2TypeCodeMeaning } from './bai2-type-codes.js';

interface FileState {
  readonly line: number;
  records: number;
  groups: number;
  /** Sum of the group trailers' control totals (a group without trailer adds what its trailer should have said). */
  groupTotals: bigint;
}

interface GroupState {
  readonly line: number;
  /** 1-based among all groups of the input: names the statements. */
  readonly number: number;
  /** YYYY-MM-DD, possibly not a calendar date (then every entry says so). */
  readonly asOfDate?: string;
  readonly asOfDateValid: boolean;
  readonly currency?: string;
  records: number;
  accounts: number;
  accountTotals: bigint;
  /** Sections per account number in this group, to keep statement keys unique. */
  readonly accountSections: Map<string, number>;
}

interface AccountState {
  readonly line: number;
  readonly account: string;
  readonly key: string;
  readonly currency?: string;
  /** Raw signed 010 (opening ledger) and 015 (closing ledger) amounts. */
  opening?: string;
  closing?: string;
  records: number;
  /** Sum of every readable amount of the 03 and 16 records, as the account trailer counts it. */
  amounts: bigint;
  unreadableAmounts: number;
  readonly ids: Bai2DerivedIds;
  /** Why the 03 record cannot carry entries (no account number). */
  unusable?: string;
}

const recordNames: Readonly<Record<string, string>> = {
  '01': 'file header (01)', '02': 'group header (02)', '03': 'account identifier (03)', '16': 'transaction detail (16)',
  '49': 'account trailer (49)', '88': 'continuation (88)', '98': 'group trailer (98)', '99': 'file trailer (99)',
};

/** BAI2 version 2; BTRS (version 3) keeps the same records. */
const readableVersions = new Set(['', '2', '3']);

/**
 * The BAI2 structure (file 01..99, groups 02..98, accounts 03..49) as a state machine over logical
 * records: it turns each 16 into a record or a rejection, checks every trailer's control total and record
 * count, and yields each account's balances when the account ends. It holds one file, group and account
 * header at a time, never the entries.
 */
export class Bai2Reader {
  private file?: FileState;
  private group?: GroupState;
  private account?: AccountState;
  private started = false;
  private groupsRead = 0;
  private lastLine = 0;
  private lastFileTrailerLine?: number;
  /** Account sections per account number and as-of date across the input, for derived ids. */
  private readonly sections = new Map<string, number>();

  constructor(private readonly options: StatementParseOptions) {}

  *read(record: Bai2Record | Bai2OrphanContinuation): Generator<SourceItem> {
    const first = !this.started;
    this.started = true;
    if (first && record.code !== '01') this.mismatch(`the first record is '${record.code}', not a file header (01)`);
    if ('orphan' in record) {
      this.lastLine = record.line;
      yield* this.orphanContinuation(record);
      return;
    }
    this.lastLine = record.line + record.physicalRecords - 1;
    if (record.tooLong && record.code !== '16') {
      yield rejected(record, `${recordNames[record.code] ?? `record '${record.code}'`}: continuations beyond ${bai2RecordCharsMax} characters were not read`);
    }
    switch (record.code) {
      case '01': return yield* this.fileHeader(record, first);
      case '02': return yield* this.groupHeader(record);
      case '03': return yield* this.accountIdentifier(record);
      case '16': return yield* this.transactionDetail(record);
      case '49': return yield* this.accountTrailer(record);
      case '98': return yield* this.groupTrailer(record);
      case '99': return yield* this.fileTrailer(record);
      default:
        if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
        this.count(record.physicalRecords);
        yield rejected(record, `unknown record code '${record.code}'`);
    }
  }

  /** Reports every header still open when the input ends. */
  *end(): Generator<SourceItem> {
    yield* this.closeFile(this.lastLine, 'the end of the input');
  }

  private *fileHeader(record: Bai2Record, first: boolean): Generator<SourceItem> {
    yield* this.closeFile(record.line, `the next file header at line ${record.line}`);
    this.file = { line: record.line, records: 0, groups: 0, groupTotals: 0n };
    this.count(record.physicalRecords);
    const fields = new Bai2Fields(record.pieces);
    for (let skipped = 0; skipped < 7; skipped += 1) fields.next();
    const version = fields.nextOrEmpty();
    if (readableVersions.has(version)) return;
    if (first) this.mismatch(`the file header says version '${version}'; BAI2 is version 2`);
    yield rejected(record, `file header: version '${version}' is not 2; the file is read as version 2`);
  }

  private *groupHeader(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    yield* this.closeGroup(record.line, `the next group header at line ${record.line}`);
    const fields = new Bai2Fields(record.pieces);
    for (let skipped = 0; skipped < 3; skipped += 1) fields.next();
    const asOfText = fields.nextOrEmpty();
    fields.next();
    const currency = fields.nextOrEmpty();
    const asOfDate = bai2Date(asOfText);
    const asOfDateValid = asOfDate !== undefined && isCalendarDate(asOfDate);
    this.groupsRead += 1;
    this.group = {
      line: record.line, number: this.groupsRead, asOfDate, asOfDateValid, currency: currency || undefined,
      records: 0, accounts: 0, accountTotals: 0n, accountSections: new Map(),
    };
    this.file!.groups += 1;
    this.count(record.physicalRecords);
    if (!asOfDateValid) yield rejected(record, `group header: as-of date '${asOfText}' is not a date (YYMMDD); the group's entries have no booking date`);
  }

  private *accountIdentifier(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    yield* this.closeAccount(record.line, `the next account identifier at line ${record.line}`);
    this.count(record.physicalRecords);
    const group = this.group;
    if (group === undefined) return yield rejected(record, 'account identifier (03) outside a group: no group header (02) is open');
    const fields = new Bai2Fields(record.pieces);
    const accountNumber = fields.nextOrEmpty();
    const currency = fields.nextOrEmpty() || group.currency || this.options.defaultCurrency;
    const groupSection = (group.accountSections.get(accountNumber) ?? 0) + 1;
    group.accountSections.set(accountNumber, groupSection);
    const daySectionKey = `${accountNumber}|${group.asOfDate ?? ''}`;
    const daySection = (this.sections.get(daySectionKey) ?? 0) + 1;
    this.sections.set(daySectionKey, daySection);
    const account: AccountState = {
      line: record.line,
      account: accountNumber,
      key: `bai2:${group.number}:${accountNumber}${groupSection > 1 ? `#${groupSection}` : ''}`,
      currency,
      records: record.physicalRecords,
      amounts: 0n,
      unreadableAmounts: 0,
      ids: new Bai2DerivedIds(daySection > 1 ? `${accountNumber}~${daySection}` : accountNumber),
    };
    this.account = account;
    group.accounts += 1;
    const problems = accountNumber === '' ? ['account number missing'] : [];
    if (accountNumber === '') account.unusable = 'account number missing';
    problems.push(...this.readAccountAmounts(fields, account));
    if (problems.length > 0) yield rejected(record, `account identifier: ${problems.join('; ')}`);
  }

  /** The type code / amount / item count / funds type groups of an 03 record: status and summary amounts. */
  private readAccountAmounts(fields: Bai2Fields, account: AccountState): string[] {
    const problems: string[] = [];
    while (!fields.done) {
      const typeCode = fields.nextOrEmpty();
      const amount = fields.nextOrEmpty();
      const itemCount = fields.nextOrEmpty();
      const funds = readFundsType(fields);
      // Banks leave a whole group empty ("03,123,USD,,,,,060,...") rather than omit it.
      if (typeCode === '' && amount === '') continue;
      const name = typeCode === '' ? 'an amount without type code' : `type code ${typeCode}`;
      if (!/^\d{3}$/.test(typeCode)) problems.push(typeCode === '' ? 'amount without a type code' : `type code '${typeCode}' is not three digits`);
      if (itemCount !== '' && !/^\d+$/.test(itemCount)) problems.push(`${name}: item count '${itemCount}' is not a number`);
      problems.push(...funds.problems.map((problem) => `${name}: ${problem}`));
      if (amount === '') continue;
      if (!signedAmountPattern.test(amount)) {
        account.unreadableAmounts += 1;
        problems.push(`${name}: amount '${amount}' is not a whole number of minor units`);
        continue;
      }
      account.amounts += rawAmount(amount);
      if (typeCode === '010') account.opening = amount;
      if (typeCode === '015') account.closing = amount;
    }
    return problems;
  }

  private *transactionDetail(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    this.count(record.physicalRecords);
    const account = this.account;
    if (account === undefined) return yield rejected(record, 'transaction detail (16) outside an account: no account identifier (03) is open');
    const fields = new Bai2Fields(record.pieces);
    const typeCode = fields.nextOrEmpty();
    const amount = fields.nextOrEmpty();
    const funds = readFundsType(fields);
    const bankReference = fields.nextOrEmpty();
    const customerReference = fields.nextOrEmpty();
    const text = fields.rest();

    const problems: string[] = [];
    const meaning = bai2TypeCodeMeaning(typeCode);
    if ('problem' in meaning) problems.push(meaning.problem);
    if (amount === '') problems.push('amount missing');
    else if (unsignedAmountPattern.test(amount)) account.amounts += rawAmount(amount);
    else {
      account.unreadableAmounts += 1;
      problems.push(`amount '${amount}' is not an unsigned whole number of minor units`);
    }
    problems.push(...funds.problems);
    if (account.unusable !== undefined) problems.push(`its account identifier at line ${account.line} is unusable: ${account.unusable}`);
    if (record.tooLong) problems.push(`continuations beyond ${bai2RecordCharsMax} characters`);
    if (problems.length > 0 || 'problem' in meaning) return yield rejected(record, `transaction detail: ${problems.join('; ')}`);

    const bookingDate = this.group!.asOfDate;
    const id = bankReference || account.ids.next({ bookingDate, typeCode, amount, reference: customerReference });
    yield statementEntryItem(
      {
        id,
        reference: customerReference || undefined,
        amount: scaledAmount(amount, account.currency),
        direction: meaning.direction,
        currency: account.currency,
        bookingDate,
        valueDate: funds.valueDate,
        description: text || undefined,
        statementKey: account.key,
      },
      { line: record.line },
      rawText(record),
    );
  }

  private *accountTrailer(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    this.count(record.physicalRecords);
    const account = this.account;
    if (account === undefined) return yield rejected(record, 'account trailer (49) without an open account identifier (03)');
    const fields = new Bai2Fields(record.pieces);
    const check = checkTrailer('account trailer', fields.nextOrEmpty(), account.amounts, "the sum of the account's amounts", account.unreadableAmounts);
    const problems = [...check.problems, ...countProblems('account trailer record count', fields.nextOrEmpty(), account.records, 'records of the account')];
    if (problems.length > 0) yield rejected(record, problems.join('; '));
    yield* this.finishAccount(check.declared);
  }

  private *groupTrailer(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    yield* this.closeAccount(record.line, `the group trailer at line ${record.line}`);
    this.count(record.physicalRecords);
    const group = this.group;
    if (group === undefined) return yield rejected(record, 'group trailer (98) without an open group header (02)');
    const fields = new Bai2Fields(record.pieces);
    const check = checkTrailer('group trailer', fields.nextOrEmpty(), group.accountTotals, 'the sum of its account control totals');
    const problems = [
      ...check.problems,
      ...countProblems('group trailer number of accounts', fields.nextOrEmpty(), group.accounts, 'accounts of the group'),
      ...countProblems('group trailer record count', fields.nextOrEmpty(), group.records, 'records of the group'),
    ];
    if (problems.length > 0) yield rejected(record, problems.join('; '));
    this.finishGroup(check.declared);
  }

  private *fileTrailer(record: Bai2Record): Generator<SourceItem> {
    if (this.outsideFile(record)) return yield* this.rejectOutsideFile(record);
    yield* this.closeGroup(record.line, `the file trailer at line ${record.line}`);
    this.count(record.physicalRecords);
    const file = this.file!;
    const fields = new Bai2Fields(record.pieces);
    const check = checkTrailer('file trailer', fields.nextOrEmpty(), file.groupTotals, 'the sum of its group control totals');
    const problems = [
      ...check.problems,
      ...countProblems('file trailer number of groups', fields.nextOrEmpty(), file.groups, 'groups of the file'),
      ...countProblems('file trailer record count', fields.nextOrEmpty(), file.records, 'records of the file'),
    ];
    if (problems.length > 0) yield rejected(record, problems.join('; '));
    this.file = undefined;
    this.lastFileTrailerLine = record.line;
  }

  private *orphanContinuation(record: Bai2OrphanContinuation): Generator<SourceItem> {
    this.count(1);
    const after = record.after === undefined ? '' : ` (it follows the ${recordNames[record.after.code]} at line ${record.after.line}, which cannot be continued)`;
    yield { kind: 'rejected', line: record.line, reason: `continuation (88) with nothing to continue${after}`, raw: truncated(record.raw) };
  }

  private *closeAccount(line: number, before: string): Generator<SourceItem> {
    const account = this.account;
    if (account === undefined) return;
    yield rejectedAt(line, `account ${account.account} (account identifier at line ${account.line}) has no account trailer (49) before ${before}`);
    yield* this.finishAccount(account.amounts);
  }

  private *finishAccount(declaredTotal: bigint): Generator<SourceItem> {
    const account = this.account!;
    this.account = undefined;
    this.group!.accountTotals += declaredTotal;
    if (account.unusable !== undefined) return; // its 03 record was rejected already
    const where = `statement of account ${account.account} (line ${account.line})`;
    if (account.currency === undefined) {
      return yield rejectedAt(account.line, `${where}: currency missing (set defaultCurrency on the source when the file does not say)`);
    }
    if (!/^[A-Z]{3}$/.test(account.currency)) return yield rejectedAt(account.line, `${where}: currency '${account.currency}' is not an ISO 4217 code`);
    yield { kind: 'statement', statement: this.balances(account, account.currency) };
  }

  private balances(account: AccountState, currency: string): StatementBalances {
    const group = this.group!;
    const date = group.asOfDateValid ? group.asOfDate! : undefined;
    const balance = (raw: string | undefined) => (raw === undefined || date === undefined ? undefined : { amount: scaledAmount(raw, currency), date });
    const opening = balance(account.opening);
    const closing = balance(account.closing);
    return {
      key: account.key,
      account: account.account,
      currency,
      ...(opening === undefined ? {} : { opening }),
      ...(closing === undefined ? {} : { closing }),
      location: `line ${account.line}`,
    };
  }

  private *closeGroup(line: number, before: string): Generator<SourceItem> {
    yield* this.closeAccount(line, before);
    const group = this.group;
    if (group === undefined) return;
    yield rejectedAt(line, `group (group header at line ${group.line}) has no group trailer (98) before ${before}`);
    this.finishGroup(group.accountTotals);
  }

  private finishGroup(declaredTotal: bigint): void {
    this.file!.groupTotals += declaredTotal;
    this.group = undefined;
  }

  private *closeFile(line: number, before: string): Generator<SourceItem> {
    yield* this.closeGroup(line, before);
    const file = this.file;
    if (file === undefined) return;
    yield rejectedAt(line, `file (file header at line ${file.line}) has no file trailer (99) before ${before}`);
    this.file = undefined;
  }

  /** Adds physical records to every open level: each trailer counts its own header, body and itself. */
  private count(physicalRecords: number): void {
    if (this.account !== undefined) this.account.records += physicalRecords;
    if (this.group !== undefined) this.group.records += physicalRecords;
    if (this.file !== undefined) this.file.records += physicalRecords;
  }

  private outsideFile(record: Bai2Record): boolean {
    return this.file === undefined && record.code !== '01';
  }

  private *rejectOutsideFile(record: Bai2Record): Generator<SourceItem> {
    const name = recordNames[record.code] ?? `record '${record.code}'`;
    yield rejected(record, `${name} after the file trailer (99) at line ${this.lastFileTrailerLine}: outside any file`);
  }

  private mismatch(why: string): never {
    throw new DomainError('RECON_FORMAT_MISMATCH', 'validation', `${this.options.sourceName}: not a BAI2 file: ${why}`);
  }
}

/** Compares a trailer's control total with what the records add up to. */
function checkTrailer(name: string, text: string, actual: bigint, actualName: string, unreadable = 0): { declared: bigint; problems: string[] } {
  if (!signedAmountPattern.test(text)) return { declared: actual, problems: [`${name} control total '${text}' is not a whole number`] };
  const declared = rawAmount(text);
  if (declared === actual) return { declared, problems: [] };
  const note = unreadable > 0 ? ` (${unreadable} unreadable amount${unreadable === 1 ? '' : 's'} not counted)` : '';
  return { declared, problems: [`${name} control total ${declared} does not equal ${actualName} ${actual}${note}`] };
}

function countProblems(name: string, text: string, actual: number, actualName: string): string[] {
  if (!/^\d+$/.test(text)) return [`${name} '${text}' is not a number`];
  return Number(text) === actual ? [] : [`${name} ${Number(text)} does not equal the ${actual} ${actualName}`];
}

function rejected(record: Bai2Record, reason: string): SourceItem {
  return { kind: 'rejected', line: record.line, reason: storableText(reason), raw: rawText(record) };
}

function rejectedAt(line: number, reason: string): SourceItem {
  return { kind: 'rejected', line, reason: storableText(reason) };
}

function rawText(record: Bai2Record): string {
  return truncated(record.raw);
}

function truncated(raw: string): string {
  return storableText(raw.length > rejectedRawCharsMax ? raw.slice(0, rejectedRawCharsMax) : raw);
}
