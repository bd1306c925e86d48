import type { Decimal } from '../../../../common/money/decimal.js';
import { storableText } from '../../../../common/storable-text.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import { isCalendarDate } from '../statement-entry.js';
import type { StatementParseOptions } from '../statement-format.js';
import type { OfxElementEvent, OfxVocabulary } from './ofx-elements.js';
import { ofxEntryItem } from './ofx-entry.js';
import { ofxAmount, ofxDate, ofxDateFormat } from './ofx-values.js';

/** The aggregates and leaves this reader uses: what the element layer needs where a tag alone is ambiguous. */
export const ofxVocabulary: OfxVocabulary = {
  aggregates: new Set([
    'OFX', 'BANKMSGSRSV1', 'CREDITCARDMSGSRSV1', 'STMTTRNRS', 'CCSTMTTRNRS', 'STMTRS', 'CCSTMTRS', 'INVSTMTRS', 'STATUS',
    'BANKACCTFROM', 'CCACCTFROM', 'BANKTRANLIST', 'STMTTRN', 'BANKACCTTO', 'CCACCTTO', 'CURRENCY', 'ORIGCURRENCY', 'LEDGERBAL', 'AVAILBAL',
  ]),
  // Every leaf an OFX 1.x/2.x bank or card statement may hold: an SGML leaf left without a value is only
  // known to be a leaf (not an aggregate swallowing what follows) by its name.
  leaves: new Set([
    'CURDEF', 'ACCTID', 'BANKID', 'BRANCHID', 'ACCTTYPE', 'ACCTKEY', 'TRNUID', 'CLTCOOKIE', 'DTSERVER', 'LANGUAGE', 'DTPROFUP', 'DTACCTUP',
    'TRNTYPE', 'DTPOSTED', 'DTUSER', 'DTAVAIL', 'TRNAMT', 'FITID', 'CORRECTFITID', 'CORRECTACTION', 'SRVRTID', 'REFNUM', 'CHECKNUM',
    'SIC', 'PAYEEID', 'NAME', 'EXTDNAME', 'MEMO', 'INV401KSOURCE', 'ADDR1', 'ADDR2', 'ADDR3', 'CITY', 'STATE', 'POSTALCODE', 'COUNTRY',
    'PHONE', 'CURSYM', 'CURRATE', 'BALAMT', 'DTASOF', 'CODE', 'SEVERITY', 'MESSAGE', 'DTSTART', 'DTEND', 'MKTGINFO',
  ]),
};

const statementNames = new Set(['STMTRS', 'CCSTMTRS']);
const responseNames = new Set(['STMTTRNRS', 'CCSTMTTRNRS']);
const currencyPattern = /^[A-Z]{3}$/;

/** An element whose leaves are collected by their path below it ("LEDGERBAL/BALAMT"). */
interface Scope {
  readonly depth: number;
  readonly line: number;
  readonly leaves: Map<string, string>;
}

interface Statement extends Scope {
  readonly number: number;
  /** ACCTID's path: BANKACCTFROM in STMTRS, CCACCTFROM in CCSTMTRS. */
  readonly accountPath: string;
  readonly location: string;
  /** Fixed when the first entry needs it, so every record and the balances carry the same key. */
  key?: string;
  balance?: { readonly line: number; readonly location: string };
  readonly derivedIdCounts: Map<string, number>;
}

interface Transaction extends Scope {
  readonly location: string;
}

interface Response extends Scope {
  readonly name: string;
  readonly location: string;
  holdsStatement: boolean;
}

/**
 * Reads OFX elements into source items: each <STMTTRN> becomes a record or a rejection when it ends, each
 * <STMTRS>/<CCSTMTRS> its balances (closing only: OFX states no opening balance) after its entries.
 * Statements are numbered in file order; their key is "ofx:<n>:<ACCTID>".
 */
export class OfxStatementReader {
  private readonly names: string[] = [];
  private statementCount = 0;
  private response?: Response;
  private statement?: Statement;
  private transaction?: Transaction;

  constructor(private readonly options: StatementParseOptions) {}

  *accept(event: OfxElementEvent): Generator<SourceItem> {
    if (event.kind === 'leaf') {
      this.leaf(event.name, event.value);
      return;
    }
    if (event.kind === 'start') {
      this.names.push(event.name);
      yield* this.started(event);
      return;
    }
    yield* this.ended(event);
    this.names.pop();
  }

  /** After the last element: a file with no statement at all says so rather than producing nothing. */
  *end(): Generator<SourceItem> {
    if (this.statementCount === 0) {
      yield { kind: 'rejected', line: 0, location: 'OFX', reason: 'no bank or credit-card statement (STMTRS, CCSTMTRS) in the file' };
    }
  }

  private *started(event: Extract<OfxElementEvent, { kind: 'start' }>): Generator<SourceItem> {
    const scope = { depth: this.names.length, line: event.line, leaves: new Map<string, string>() };
    if (responseNames.has(event.name)) {
      this.response = { ...scope, name: event.name, location: `${event.name} ${event.index} (${event.path})`, holdsStatement: false };
    } else if (statementNames.has(event.name) && this.statement === undefined) {
      this.statementCount += 1;
      if (this.response !== undefined) this.response.holdsStatement = true;
      const number = this.statementCount;
      const accountPath = event.name === 'CCSTMTRS' ? 'CCACCTFROM/ACCTID' : 'BANKACCTFROM/ACCTID';
      this.statement = { ...scope, number, accountPath, location: `statement ${number} (${event.path})`, derivedIdCounts: new Map() };
    } else if (event.name === 'STMTTRN') {
      this.transaction = { ...scope, location: `STMTTRN ${event.index} (${event.parentPath}/STMTTRN[${event.index}])` };
    } else if (event.name === 'LEDGERBAL' && this.statement !== undefined && this.transaction === undefined) {
      this.statement.balance = { line: event.line, location: `LEDGERBAL (${event.path})` };
    } else if (event.name === 'INVSTMTRS') {
      if (this.response !== undefined) this.response.holdsStatement = true;
      yield { kind: 'rejected', line: event.line, location: event.path, reason: 'investment statement (INVSTMTRS): not read, only bank and credit-card statements are' };
    }
  }

  private leaf(name: string, value: string): void {
    const scope = this.transaction ?? this.statement ?? this.response;
    if (scope === undefined) return;
    const path = this.names.length === scope.depth ? name : [...this.names.slice(scope.depth), name].join('/');
    if (!scope.leaves.has(path)) scope.leaves.set(path, value);
  }

  private *ended(event: Extract<OfxElementEvent, { kind: 'end' }>): Generator<SourceItem> {
    const depth = this.names.length;
    if (this.transaction?.depth === depth) {
      yield this.transactionItem(this.transaction, event.unclosed);
      this.transaction = undefined;
    } else if (this.statement?.depth === depth) {
      yield* this.statementItems(this.statement, event.unclosed);
      this.statement = undefined;
    } else if (this.response?.depth === depth) {
      const response = this.response;
      this.response = undefined;
      if (!response.holdsStatement) {
        const status = ['CODE', 'SEVERITY', 'MESSAGE'].map((name) => response.leaves.get(`STATUS/${name}`)).filter((part) => part);
        const said = status.length === 0 ? '' : `; status: ${status.join(' ')}`;
        yield { kind: 'rejected', line: response.line, location: response.location, reason: storableText(`response without a statement${said}`) };
      }
    }
  }

  private transactionItem(transaction: Transaction, unclosed: boolean): SourceItem {
    const position = { line: transaction.line, location: transaction.location };
    const statement = this.statement;
    if (statement === undefined || unclosed) {
      const reason = statement === undefined ? 'STMTTRN outside a bank or credit-card statement (STMTRS, CCSTMTRS)' : 'the file ends inside this STMTTRN';
      return { kind: 'rejected', ...position, reason };
    }
    return ofxEntryItem(
      { position, leaves: transaction.leaves },
      { statementKey: this.keyOf(statement), account: accountOf(statement), currency: this.currencyOf(statement), derivedIdCounts: statement.derivedIdCounts },
    );
  }

  /**
   * The statement's balances, or the reason it has none. A closing balance that does not parse is refused
   * on its own, and the statement is still given, without it, so its entries keep a statement to belong to.
   */
  private *statementItems(statement: Statement, unclosed: boolean): Generator<SourceItem> {
    const location = `${statement.location}, line ${statement.line}`;
    const closing = this.closingOf(statement);
    if (typeof closing === 'string') {
      yield { kind: 'rejected', line: statement.balance!.line, location: statement.balance!.location, reason: storableText(closing) };
    }
    if (unclosed) yield { kind: 'rejected', line: statement.line, location: statement.location, reason: 'the file ends inside this statement' };
    const account = accountOf(statement);
    const currency = this.currencyOf(statement);
    const problems: string[] = [];
    if (account === '') problems.push(`${statement.accountPath}: missing`);
    if (currency === undefined) problems.push('CURDEF: missing (set defaultCurrency on the source when the file does not say)');
    else if (!currencyPattern.test(currency)) problems.push(`CURDEF: '${currency}' is not an ISO 4217 code`);
    if (problems.length > 0) {
      yield { kind: 'rejected', line: statement.line, location: statement.location, reason: storableText(`statement: ${problems.join('; ')}`) };
      return;
    }
    const balances = { key: this.keyOf(statement), account, currency: currency!, location };
    yield { kind: 'statement', statement: typeof closing === 'object' ? { ...balances, closing } : balances };
  }

  /** LEDGERBAL as { amount, date }, a reason it cannot be read, or undefined when the statement has none. */
  private closingOf(statement: Statement): { amount: Decimal; date: string } | string | undefined {
    if (statement.balance === undefined) return undefined;
    const amountText = statement.leaves.get('LEDGERBAL/BALAMT') || undefined;
    const dateText = statement.leaves.get('LEDGERBAL/DTASOF') || undefined;
    const amount = amountText === undefined ? undefined : ofxAmount(amountText);
    const date = dateText === undefined ? undefined : ofxDate(dateText);
    const problems: string[] = [];
    if (amountText === undefined) problems.push('BALAMT: missing');
    else if (amount === undefined) problems.push(`BALAMT: '${amountText}' is not an amount`);
    if (dateText === undefined) problems.push('DTASOF: missing');
    else if (date === undefined) problems.push(`DTASOF: '${dateText}' is not an OFX date (${ofxDateFormat})`);
    else if (!isCalendarDate(date)) problems.push(`DTASOF: '${dateText}' is not a calendar date`);
    if (problems.length > 0) return `closing balance: ${problems.join('; ')}`;
    return { amount: amount!, date: date! };
  }

  private keyOf(statement: Statement): string {
    statement.key ??= `ofx:${statement.number}:${accountOf(statement)}`;
    return statement.key;
  }

  private currencyOf(statement: Statement): string | undefined {
    return (statement.leaves.get('CURDEF') || undefined)?.toUpperCase() ?? this.options.defaultCurrency;
  }
}

function accountOf(statement: Statement): string {
  return statement.leaves.get(statement.accountPath) || '';
}
