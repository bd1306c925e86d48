import iconv from 'iconv-lite';
import { ValidationFailed } from '../../../common/errors/domain-error.js';
import type { ReconSourceConfig } from '../../domain/recon-source-config.js';
import type { ReconSourceFactory } from '../sources/recon-source-factory.js';
import { StatementFileSource } from './statement-file-source.js';
import type { StatementFormat } from './statement-format.js';

const knownOptions = new Set(['file_pattern', 'encoding', 'default_currency']);

/**
 * `type: "<format>"` for every statement format: options `file_pattern`, `encoding` (for text formats that
 * do not declare theirs) and `default_currency` (for formats that may not say it). Unknown options are
 * refused, so a typo is a named problem at start rather than a silently ignored setting.
 */
export class StatementSourceFactory implements ReconSourceFactory {
  readonly needsFile = true;

  constructor(private readonly format: StatementFormat) {}

  get type(): string {
    return this.format.type;
  }

  create(config: ReconSourceConfig): StatementFileSource {
    const field = (key: string, message: string) => ValidationFailed.field(`sources.${config.name}.options.${key}`, message);
    const { options } = config;
    for (const key of Object.keys(options)) if (!knownOptions.has(key)) throw field(key, `is not an option of a ${this.type} source (known: ${[...knownOptions].join(', ')})`);
    const { encoding, default_currency: defaultCurrency, file_pattern: filePattern } = options;
    if (filePattern !== undefined && typeof filePattern !== 'string') throw field('file_pattern', 'must be a string such as "statement_{date}.txt"');
    if (encoding !== undefined && (typeof encoding !== 'string' || !iconv.encodingExists(encoding))) throw field('encoding', `must be an encoding name such as utf-8, latin1 or win1252`);
    if (defaultCurrency !== undefined && (typeof defaultCurrency !== 'string' || !/^[A-Z]{3}$/.test(defaultCurrency))) throw field('default_currency', 'must be an ISO 4217 code such as EUR');
    return new StatementFileSource(this.format, {
      sourceName: config.name,
      ...(encoding !== undefined && { encoding: encoding as string }),
      ...(defaultCurrency !== undefined && { defaultCurrency: defaultCurrency as string }),
    });
  }
}
