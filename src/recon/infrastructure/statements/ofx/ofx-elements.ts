import type { OfxToken } from './ofx-tokenizer.js';

/**
 * An OFX element as the reader needs it. `path` names an aggregate like "OFX/BANKMSGSRSV1/STMTTRNRS[2]/STMTRS"
 * (a position only where a name repeats among its siblings); `index` is its position among same-named siblings.
 */
export type OfxElementEvent =
  | { readonly kind: 'start'; readonly name: string; readonly line: number; readonly index: number; readonly path: string; readonly parentPath: string }
  | { readonly kind: 'leaf'; readonly name: string; readonly value: string; readonly line: number }
  | { readonly kind: 'end'; readonly name: string; readonly unclosed: boolean };

/** Which names are which, where a tag alone cannot tell (SGML leaves without a value, XML aggregates left empty). */
export interface OfxVocabulary {
  readonly aggregates: ReadonlySet<string>;
  readonly leaves: ReadonlySet<string>;
}

interface Frame {
  readonly name: string;
  readonly path: string;
  readonly children: Map<string, number>;
}

/**
 * Turns tokens into elements for both OFX 1.x SGML, whose leaf elements have no end tag (<TRNAMT>-12.50)
 * and XML 2.x, whose every element is closed. A tag followed by text is a leaf; a tag followed by another
 * tag opens an aggregate. An end tag closes every aggregate opened after its own start (SGML omitted end
 * tags), and an aggregate opened right inside one of the same name closes it first: OFX never nests an
 * aggregate in itself, so a <STMTTRN> left open does not swallow the next one.
 */
export class OfxElements {
  private readonly stack: Frame[] = [{ name: '', path: '', children: new Map() }];
  /** An open tag not yet known to be a leaf or an aggregate. */
  private pending?: { readonly name: string; readonly line: number };
  /** The leaf just read, whose XML end tag may follow. */
  private closableLeaf?: string;

  constructor(private readonly vocabulary: OfxVocabulary) {}

  *accept(token: OfxToken): Generator<OfxElementEvent> {
    const closableLeaf = this.closableLeaf;
    this.closableLeaf = undefined;
    if (token.kind === 'text') {
      if (this.pending === undefined) return; // text outside any leaf: the 1.x header, stray text
      yield { kind: 'leaf', name: this.pending.name, value: token.text, line: this.pending.line };
      this.closableLeaf = this.pending.name;
      this.pending = undefined;
      return;
    }
    if (token.kind === 'open') {
      yield* this.settlePending(this.vocabulary.leaves.has(this.pending?.name ?? '') ? 'leaf' : 'aggregate');
      if (token.selfClosing) yield* this.emptyElement(token.name, token.line);
      else this.pending = { name: token.name, line: token.line };
      return;
    }
    if (this.pending !== undefined) {
      const pending = this.pending;
      if (pending.name === token.name) {
        this.pending = undefined;
        yield* this.emptyElement(pending.name, pending.line);
        return;
      }
      yield* this.settlePending(this.vocabulary.aggregates.has(pending.name) ? 'aggregate' : 'leaf');
    } else if (closableLeaf === token.name) {
      return;
    }
    yield* this.closeThrough(token.name, false);
  }

  /** At the end of the input: every aggregate still open ends, marked unclosed. */
  *end(): Generator<OfxElementEvent> {
    yield* this.settlePending('leaf');
    while (this.stack.length > 1) yield this.pop(true);
  }

  private *settlePending(as: 'leaf' | 'aggregate'): Generator<OfxElementEvent> {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    if (as === 'leaf') yield { kind: 'leaf', name: pending.name, value: '', line: pending.line };
    else yield* this.push(pending.name, pending.line);
  }

  private *emptyElement(name: string, line: number): Generator<OfxElementEvent> {
    if (!this.vocabulary.aggregates.has(name)) {
      yield { kind: 'leaf', name, value: '', line };
      return;
    }
    yield* this.push(name, line);
    yield this.pop(false);
  }

  private *push(name: string, line: number): Generator<OfxElementEvent> {
    if (this.top().name === name) yield this.pop(false);
    const parent = this.top();
    const index = (parent.children.get(name) ?? 0) + 1;
    parent.children.set(name, index);
    const segment = index > 1 ? `${name}[${index}]` : name;
    const path = parent.path === '' ? segment : `${parent.path}/${segment}`;
    this.stack.push({ name, path, children: new Map() });
    yield { kind: 'start', name, line, index, path, parentPath: parent.path };
  }

  /** An end tag with no open aggregate of its name is stray and ignored. */
  private *closeThrough(name: string, unclosed: boolean): Generator<OfxElementEvent> {
    const depth = this.stack.findLastIndex((frame, at) => at > 0 && frame.name === name);
    if (depth === -1) return;
    while (this.stack.length > depth) yield this.pop(unclosed);
  }

  private pop(unclosed: boolean): OfxElementEvent {
    const frame = this.stack.pop()!;
    return { kind: 'end', name: frame.name, unclosed };
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1];
  }
}
