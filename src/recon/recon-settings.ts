import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainError } from '../common/errors/domain-error.js';
import { Decimal } from '../common/money/decimal.js';
import type { Environment } from '../config/environment.js';
import { LedgerSettings } from '../ledger/ledger-settings.js';
import { isTimeZone } from './domain/business-day.js';
import type { ReconSource } from './domain/recon-source.js';
import { parseSourceEntries, type ReconSourceConfig, type SourceEntry } from './domain/recon-source-config.js';
import type { MatchParameters } from './domain/recon-record.js';
import { RECON_SOURCE_FACTORIES, type ReconSourceFactory } from './infrastructure/sources/recon-source-factory.js';

export interface ConfiguredSource {
  config: ReconSourceConfig;
  source: ReconSource;
  needsFile: boolean;
}

/** The source is named in RECON_SOURCES_FILE but its definition is wrong: its runs fail with the problem. */
export class InvalidReconSource extends DomainError {
  constructor(name: string, problem: string) {
    super('RECON_SOURCE_INVALID', 'rule_violation', `source "${name}" is misconfigured in RECON_SOURCES_FILE: ${problem}`, [{ field: 'source', message: problem }]);
  }
}

export class UnknownReconSource extends DomainError {
  constructor(name: string, known: string[]) {
    super('RECON_SOURCE_UNKNOWN', 'validation', `source: no source named "${name}" (configured: ${known.join(', ') || 'none'})`, [{ field: 'source', message: 'unknown source' }]);
  }
}

/**
 * Reconciliation settings, read once at start: the default match parameters, the supported currencies,
 * the directories, and the named sources of RECON_SOURCES_FILE, each built by its adapter's factory. A bad
 * definition never stops the start: it is logged as an error with its name and problem, its runs fail
 * with that problem, and the other sources and the ledger keep working. A file that is not JSON at all
 * leaves the service running with no recon sources, and says so.
 */
@Injectable()
export class ReconSettings {
  readonly defaults: MatchParameters;
  readonly supportedCurrencies: ReadonlySet<string>;
  readonly inboxDir: string;
  readonly uploadDir: string;
  readonly uploadBytesMax: number;
  readonly schedule: { enabled: boolean; hour: number; timeZone: string };
  readonly businessTimeZone: string;
  /** A completed job with more unmatched records than this alerts (RECON_UNMATCHED_ALERT_THRESHOLD). */
  readonly unmatchedAlertThreshold: number;
  /** Problems found at start, by source name; `file` is the sources file itself when it cannot be read. */
  readonly problems: ReadonlyMap<string, string>;
  /** Jobs this process runs at once (RECON_JOBS_CONCURRENCY_MAX). */
  readonly jobsConcurrencyMax: number;
  private readonly sources: Map<string, ConfiguredSource>;
  private readonly logger = new Logger('ReconSettings');

  constructor(config: ConfigService<Environment, true>, ledger: LedgerSettings, @Inject(RECON_SOURCE_FACTORIES) factories: ReconSourceFactory[]) {
    this.defaults = {
      fuzzyThreshold: Number(config.get('RECON_FUZZY_THRESHOLD', { infer: true })),
      allowedAmountDiff: new Decimal(config.get('RECON_ALLOWED_AMOUNT_DIFF', { infer: true })),
      maxTimeDiffMinutes: config.get('RECON_MAX_TIME_DIFF_MINUTES', { infer: true }),
    };
    const currencies = config.get('RECON_SUPPORTED_CURRENCIES', { infer: true });
    this.supportedCurrencies = new Set(currencies ? currencies.split(',') : ledger.currencies.codes());
    this.inboxDir = resolve(config.get('RECON_INBOX_DIR', { infer: true }));
    this.uploadDir = resolve(config.get('RECON_UPLOAD_DIR', { infer: true }));
    this.uploadBytesMax = config.get('RECON_UPLOAD_MAX_BYTES', { infer: true });
    this.schedule = {
      enabled: config.get('RECON_SCHEDULE_ENABLED', { infer: true }),
      hour: config.get('RECON_SCHEDULE_HOUR', { infer: true }),
      timeZone: config.get('RECON_SCHEDULE_TIMEZONE', { infer: true }),
    };
    this.businessTimeZone = config.get('RECON_BUSINESS_TIMEZONE', { infer: true });
    this.unmatchedAlertThreshold = config.get('RECON_UNMATCHED_ALERT_THRESHOLD', { infer: true });
    this.jobsConcurrencyMax = config.get('RECON_JOBS_CONCURRENCY_MAX', { infer: true });
    if (!isTimeZone(this.businessTimeZone)) throw new Error(`RECON_BUSINESS_TIMEZONE=${this.businessTimeZone} is not an IANA time zone`);
    if (!isTimeZone(this.schedule.timeZone)) throw new Error(`RECON_SCHEDULE_TIMEZONE=${this.schedule.timeZone} is not an IANA time zone`);
    const file = config.get('RECON_SOURCES_FILE', { infer: true });
    const built = buildSources(file, factories);
    this.sources = built.sources;
    this.problems = built.problems;
    for (const [name, problem] of built.problems) {
      this.logger.error(name === sourcesFileProblem ? `RECON_SOURCES_FILE ${file} cannot be used, so no recon source is configured: ${problem}` : `Recon source "${name}" in ${file} is misconfigured and cannot run: ${problem}`);
    }
  }

  source(name: string): ConfiguredSource {
    const found = this.sources.get(name);
    if (found) return found;
    const problem = this.problems.get(name);
    if (problem !== undefined) throw new InvalidReconSource(name, problem);
    const fileProblem = this.problems.get(sourcesFileProblem);
    if (fileProblem !== undefined) throw new InvalidReconSource(name, `the sources file cannot be used: ${fileProblem}`);
    throw new UnknownReconSource(name, [...this.sources.keys()]);
  }

  allSources(): ConfiguredSource[] {
    return [...this.sources.values()];
  }

  scheduledSources(): ConfiguredSource[] {
    return [...this.sources.values()].filter((entry) => entry.config.schedule);
  }
}

/** The key under which a problem with the whole file is kept (no source can be named this: names are lowercase). */
export const sourcesFileProblem = 'RECON_SOURCES_FILE';

interface BuiltSources {
  readonly sources: Map<string, ConfiguredSource>;
  readonly problems: Map<string, string>;
}

function buildSources(file: string, factories: ReconSourceFactory[]): BuiltSources {
  const sources = new Map<string, ConfiguredSource>();
  const problems = new Map<string, string>();
  if (!existsSync(file)) return { sources, problems };
  let entries: SourceEntry[];
  try {
    entries = parseSourceEntries(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    problems.set(sourcesFileProblem, (error as Error).message);
    return { sources, problems };
  }
  const byType = new Map(factories.map((factory) => [factory.type, factory]));
  for (const entry of entries) {
    if ('problem' in entry) {
      problems.set(entry.name, entry.problem);
      continue;
    }
    const { config } = entry;
    const factory = byType.get(config.type);
    if (!factory) {
      problems.set(config.name, `type "${config.type}" is not a source type (known: ${[...byType.keys()].join(', ')})`);
      continue;
    }
    try {
      sources.set(config.name, { config, source: factory.create(config), needsFile: factory.needsFile });
    } catch (error) {
      problems.set(config.name, (error as Error).message);
    }
  }
  return { sources, problems };
}
