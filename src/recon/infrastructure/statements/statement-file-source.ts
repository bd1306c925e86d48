import { createReadStream } from 'node:fs';
import { DomainError } from '../../../common/errors/domain-error.js';
import type { ReconSource, SourceItem, SourceReadRequest } from '../../domain/recon-source.js';
import type { StatementFormat, StatementParseOptions } from './statement-format.js';
import { sniffFileFormat } from './statement-formats.js';
import { defaultEncodingDescription } from './text-lines.js';

/** A statement file (MT940, camt.053, OFX, BAI2) read through its format's streaming parser. */
export class StatementFileSource implements ReconSource {
  constructor(
    private readonly format: StatementFormat,
    private readonly options: StatementParseOptions,
  ) {}

  get name(): string {
    return this.options.sourceName;
  }

  async *read(request: SourceReadRequest): AsyncGenerator<SourceItem> {
    const { filePath } = request;
    if (!filePath) throw new DomainError('RECON_FILE_REQUIRED', 'validation', `${this.name}: a file is required`);
    try {
      yield* this.parse(createReadStream(filePath, { highWaterMark: 64 * 1024 }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new DomainError('RECON_SOURCE_NOT_FOUND', 'not_found', `${this.name}: no file at ${filePath}`);
      if (code === 'EISDIR') throw new DomainError('RECON_SOURCE_NOT_FOUND', 'not_found', `${this.name}: ${filePath} is a directory, not a file`);
      throw error;
    }
  }

  async *parse(input: AsyncIterable<Buffer>): AsyncGenerator<SourceItem> {
    yield { kind: 'dialect', dialect: { format: this.format.type, encoding: this.options.encoding ?? undeclaredEncoding(this.format.type) } };
    yield* this.format.parse(input, this.options);
  }

  /** Refuses at once a file that is not this source's format, judged by its first bytes. */
  checkFile(head: Buffer): string | undefined {
    if (this.format.sniff(head)) return undefined;
    const other = sniffFileFormat(head);
    return `${this.name} reads ${this.format.type} files, but this file ${other ? `looks like ${other}` : `does not start like ${this.format.type}`}`;
  }
}

/** How a file is decoded when the source sets no `encoding`: XML and OFX declare theirs; MT940 and BAI2 do not. */
function undeclaredEncoding(type: string): string {
  return type === 'mt940' || type === 'bai2' ? defaultEncodingDescription : 'as the file declares, else utf-8';
}
