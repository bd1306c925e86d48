/**
 * Reads the comma-separated fields of one logical record across its physical pieces (the record and its
 * 88 continuations). The 16 text field is different: it is the rest of the record and may hold commas.
 */
export class Bai2Fields {
  private piece = 0;
  /** Index in the current piece where the next field starts; past the end when the piece is used up. */
  private at = 0;

  constructor(private readonly pieces: readonly string[]) {
    this.skipUsedPieces();
  }

  /** The next field, or undefined when the record has no more (a '/' may end a record early: the rest are defaulted). */
  next(): string | undefined {
    if (this.done) return undefined;
    const text = this.pieces[this.piece];
    const comma = text.indexOf(',', this.at);
    const end = comma === -1 ? text.length : comma;
    const field = text.slice(this.at, end);
    this.at = end + 1;
    this.skipUsedPieces();
    return field.trim();
  }

  /** The next field, '' when the record ended. */
  nextOrEmpty(): string {
    return this.next() ?? '';
  }

  get done(): boolean {
    return this.piece >= this.pieces.length;
  }

  /** The rest of the record as text: each continuation's text joined with a space. */
  rest(): string {
    const parts: string[] = [];
    if (!this.done) parts.push(this.pieces[this.piece].slice(this.at));
    for (let index = this.piece + 1; index < this.pieces.length; index += 1) parts.push(this.pieces[index]);
    this.piece = this.pieces.length;
    return parts.map((part) => part.trim()).filter((part) => part !== '').join(' ');
  }

  /** An empty piece (an "88,/" line) holds no field. */
  private skipUsedPieces(): void {
    while (this.piece < this.pieces.length && this.at >= this.pieces[this.piece].length && !this.endsWithComma()) {
      this.piece += 1;
      this.at = 0;
    }
  }

  /** After "…,500," one empty field is still to come: the comma opened it. */
  private endsWithComma(): boolean {
    const text = this.pieces[this.piece];
    return this.at === text.length && text.length > 0 && text[text.length - 1] === ',';
  }
}
