import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainError } from '../common/errors/domain-error.js';
import { Decimal } from '../common/money/decimal.js';
import type { Environment } from '../config/environment.js';
import { LedgerSettings } from '../ledger/ledger-settings.js';
import { isTimeZone } from './domain/business-day.js';
import type { ReconSource } from './domain/recon-source.js';
import { parseSourceConfigs, type ReconSourceConfig } from './domain/recon-source-config.js';
import type { MatchParameters } from './domain/recon-record.js';
import { RECON_SOURCE_FACTORIES, type ReconSourceFactory } from './infrastructure/sources/recon-source-factory.js';

export interface ConfiguredSource {
  config: ReconSourceConfig;
  source: ReconSource;
  needsFile: boolean;
}

export class UnknownReconSource extends DomainError {
  constructor(name: string, known: string[]) {
    super('RECON_SOURCE_UNKNOWN', 'validation', `source: no source named "${name}" (configured: ${known.join(', ') || 'none'})`, [{ field: 'source', message: 'unknown source' }]);
  }
}

/**
 * Reconciliation settings, read once at start: the default match parameters, the supported currencies,
 * the directories, and the named sources of RECON_SOURCES_FILE, each built by its adapter's factory (a
 * bad entry stops the start with a message naming it).
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
  /** Jobs this process runs at once (RECON_JOBS_CONCURRENCY_MAX). */
  readonly jobsConcurrencyMax: number;
  private readonly sources: Map<string, ConfiguredSource>;

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
    this.sources = buildSources(config.get('RECON_SOURCES_FILE', { infer: true }), factories);
  }

  source(name: string): ConfiguredSource {
    const found = this.sources.get(name);
    if (!found) throw new UnknownReconSource(name, [...this.sources.keys()]);
    return found;
  }

  allSources(): ConfiguredSource[] {
    return [...this.sources.values()];
  }

  scheduledSources(): ConfiguredSource[] {
    return [...this.sources.values()].filter((entry) => entry.config.schedule);
  }
}

function buildSources(file: string, factories: ReconSourceFactory[]): Map<string, ConfiguredSource> {
  if (!existsSync(file)) return new Map();
  const configs = parseSourceConfigs(JSON.parse(readFileSync(file, 'utf8')));
  const byType = new Map(factories.map((factory) => [factory.type, factory]));
  return new Map(
    configs.map((config) => {
      const factory = byType.get(config.type);
      if (!factory) throw new Error(`${file}: source "${config.name}" has type "${config.type}", but only ${[...byType.keys()].join(', ')} are registered`);
      return [config.name, { config, source: factory.create(config), needsFile: factory.needsFile }];
    }),
  );
}
