import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DomainError } from '../../../../common/errors/domain-error.js';
import type { SourceItem } from '../../../domain/recon-source.js';
import type { StatementParseOptions } from '../statement-format.js';
import { entryItems } from './camt-entry.js';
import { notCamtBecause, statementElement } from './camt-message.js';
import { statementHeader, statementItems, type StatementHeader } from './camt-statement.js';
import { DerivedIds } from './derived-ids.js';
import { newElement, textAt, type XmlElement } from './xml-element.js';

/** One open element: its path segment, and the element being built when it is part of a header or an entry. */
interface Frame {
  readonly segment: string;
  readonly element?: XmlElement;
}

interface OpenStatement {
  readonly element: XmlElement;
  readonly path: string;
  /** Read at the first Ntry (Id, Acct and Bal come before the entries), else when the statement closes. */
  header?: StatementHeader;
  entries: number;
}

interface OpenEntry {
  readonly element: XmlElement;
  readonly path: string;
  readonly ordinal: number;
}

/**
 * Turns the decoded text of one camt.053/054 document into items as the text arrives. Only one statement's
 * header and one entry are held as element trees; everything else streams past. Throws DomainError
 * RECON_FORMAT_MISMATCH when the document is not a camt message, which is always decided before the first
 * item; XML that breaks later becomes a rejected item, after which nothing more is read.
 */
export class CamtReader {
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly pending: SourceItem[] = [];
  private readonly open: Frame[] = [];
  private readonly keys = new Set<string>();
  private readonly derivedIds = new DerivedIds();
  private root?: string;
  private statementTag?: string;
  private statement?: OpenStatement;
  private entry?: OpenEntry;
  private statements = 0;
  private entries = 0;
  /** Lines of leading whitespace dropped before the document (an XML declaration must come first). */
  private lineOffset = 0;
  private started = false;
  private brokenAt = false;

  constructor(private readonly options: StatementParseOptions) {
    this.parser.on('opentag', (tag) => this.opened(tag));
    this.parser.on('closetag', () => this.closed());
    this.parser.on('text', (text) => this.addText(text));
    this.parser.on('cdata', (text) => this.addText(text));
  }

  /** True once the XML broke: the rejected item is out and the rest of the input is not worth reading. */
  get broken(): boolean {
    return this.brokenAt;
  }

  write(text: string): SourceItem[] {
    if (this.brokenAt) return [];
    let rest = text;
    if (!this.started) {
      const trimmed = rest.trimStart();
      this.lineOffset += lineEnds(rest.slice(0, rest.length - trimmed.length));
      if (trimmed === '') return [];
      this.started = true;
      rest = trimmed;
    }
    try {
      this.parser.write(rest);
    } catch (error) {
      this.fail(error);
    }
    return this.pending.splice(0);
  }

  close(): SourceItem[] {
    if (this.brokenAt) return [];
    try {
      this.parser.close();
    } catch (error) {
      this.fail(error);
    }
    if (this.statementTag === undefined) throw this.mismatch(notCamtBecause(this.root, undefined)!);
    return this.pending.splice(0);
  }

  private opened(tag: SaxesTagNS): void {
    const depth = this.open.length + 1;
    const name = tag.local;
    const line = this.parser.line + this.lineOffset;
    const parent = this.open.at(-1)?.element;
    if (depth === 1 || (depth === 2 && this.statementTag === undefined)) {
      this.identify(depth, name);
      this.open.push({ segment: name });
    } else if (depth === 3 && name === this.statementTag) {
      this.statements += 1;
      const segment = `${name}[${this.statements}]`;
      const element = newElement(name, line, attributesOf(tag), undefined, this.statements);
      this.statement = { element, path: this.pathWith(segment), entries: 0 };
      this.open.push({ segment, element });
    } else if (depth === 4 && name === 'Ntry' && this.statement !== undefined) {
      this.statement.header ??= this.headerOf(this.statement);
      this.statement.entries += 1;
      this.entries += 1;
      const segment = `Ntry[${this.statement.entries}]`;
      const element = newElement(name, line, attributesOf(tag), undefined, this.statement.entries);
      this.entry = { element, path: this.pathWith(segment), ordinal: this.entries };
      this.open.push({ segment, element });
    } else {
      const element = parent === undefined ? undefined : newElement(name, line, attributesOf(tag), parent);
      this.open.push({ segment: name, element });
    }
  }

  private closed(): void {
    const frame = this.open.pop();
    if (this.entry !== undefined && frame?.element === this.entry.element) {
      const { element, path, ordinal } = this.entry;
      const statement = this.statement!.header!;
      this.pending.push(...entryItems(element, { statement, ordinal, path, defaultCurrency: this.options.defaultCurrency, derivedIds: this.derivedIds }));
      this.entry = undefined;
    } else if (this.statement !== undefined && frame?.element === this.statement.element) {
      this.statement.header ??= this.headerOf(this.statement);
      this.pending.push(...statementItems(this.statement.element, this.statement.header));
      this.statement = undefined;
    }
  }

  private addText(text: string): void {
    const element = this.open.at(-1)?.element;
    // Only leaves hold text in camt; the whitespace between a statement's entries would otherwise pile up.
    if (element !== undefined && element.children.length === 0) element.text += text;
  }

  /** The root must be a Document, its first child a camt.053/054 message. */
  private identify(depth: number, name: string): void {
    if (depth === 1) {
      this.root = name;
      if (name !== 'Document') throw this.mismatch(notCamtBecause(name, undefined)!);
      return;
    }
    const why = notCamtBecause('Document', name);
    if (why !== undefined) throw this.mismatch(why);
    this.statementTag = statementElement(name);
  }

  /** The statement key is its Id (else its path), made unique within the file. */
  private headerOf(statement: OpenStatement): StatementHeader {
    const id = textAt(statement.element, 'Id') ?? statement.path;
    const key = this.keys.has(id) ? `${id}#${statement.element.index}` : id;
    this.keys.add(key);
    return statementHeader(statement.element, key, statement.path, this.options.defaultCurrency);
  }

  private pathWith(segment: string): string {
    return `${this.openPath()}/${segment}`;
  }

  private openPath(): string {
    return this.open.map((frame) => frame.segment).join('/');
  }

  private fail(error: unknown): void {
    if (error instanceof DomainError) throw error;
    const message = stripPosition((error as Error).message, this.parser);
    const line = this.parser.line + this.lineOffset;
    const where = `line ${line}, column ${this.parser.column}`;
    if (this.statementTag === undefined) throw this.mismatch(`not well-formed XML before the message element (${where}: ${message})`);
    const location = this.entry !== undefined ? `entry ${this.entry.ordinal} (${this.entry.path})` : this.openPath() || undefined;
    this.pending.push({ kind: 'rejected', line, location, reason: `the XML breaks at ${where}: ${message}; nothing after it is read` });
    this.brokenAt = true;
  }

  private mismatch(why: string): DomainError {
    return new DomainError('RECON_FORMAT_MISMATCH', 'validation', `${this.options.sourceName}: not a camt.053/054 file: ${why}`);
  }
}

const noAttributes: Readonly<Record<string, string>> = Object.freeze({});

/** Attributes by local name, without namespace declarations. */
function attributesOf(tag: SaxesTagNS): Readonly<Record<string, string>> {
  let attributes: Record<string, string> | undefined;
  for (const name in tag.attributes) {
    const attribute = tag.attributes[name];
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    attributes ??= {};
    attributes[attribute.local] = attribute.value;
  }
  return attributes ?? noAttributes;
}

/** saxes writes "line:column: message."; the rejection states the position itself and goes on after the message. */
function stripPosition(message: string, parser: SaxesParser): string {
  const prefix = `${parser.line}:${parser.column}: `;
  const bare = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

function lineEnds(whitespace: string): number {
  return whitespace.split(/\r\n|\r|\n/).length - 1;
}
