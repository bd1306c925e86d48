import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import type { LedgerSettings } from '../ledger/ledger-settings.js';
import { CsvSourceFactory } from './infrastructure/sources/csv-source-factory.js';
import { ReconSettings } from './recon-settings.js';

const directory = mkdtempSync(join(tmpdir(), 'tally-sources-'));

function settingsFor(sourcesFileText: string): ReconSettings {
  const file = join(directory, `${Math.random()}.json`);
  writeFileSync(file, sourcesFileText);
  const values: Record<string, unknown> = {
    RECON_FUZZY_THRESHOLD: '0.8', RECON_ALLOWED_AMOUNT_DIFF: '0.05', RECON_MAX_TIME_DIFF_MINUTES: 60, RECON_SUPPORTED_CURRENCIES: 'USD,EUR',
    RECON_INBOX_DIR: directory, RECON_UPLOAD_DIR: directory, RECON_UPLOAD_MAX_BYTES: 1024, RECON_SCHEDULE_ENABLED: false, RECON_SCHEDULE_HOUR: 2,
    RECON_SCHEDULE_TIMEZONE: 'UTC', RECON_BUSINESS_TIMEZONE: 'UTC', RECON_UNMATCHED_ALERT_THRESHOLD: 0, RECON_SOURCES_FILE: file,
  };
  const config = { get: (key: string) => values[key] } as unknown as ConfigService<Environment, true>;
  return new ReconSettings(config, {} as LedgerSettings, [new CsvSourceFactory()]);
}

const goodMapping = { id: 'id', reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'at' };

describe('ReconSettings with bad source definitions', () => {
  it('keeps the good sources and names each bad one with its exact problem', () => {
    const settings = settingsFor(
      JSON.stringify({
        good: { type: 'csv', options: { mapping: goodMapping } },
        no_mapping: { type: 'csv', options: {} },
        unknown_type: { type: 'swift_gpi', options: {} },
        'Bad-Name': { type: 'csv', options: { mapping: goodMapping } },
      }),
    );
    expect(settings.allSources().map((source) => source.config.name)).toEqual(['good']);
    expect(Object.fromEntries(settings.problems)).toEqual({
      no_mapping: 'sources.no_mapping.options.mapping: is required for a csv source',
      unknown_type: 'type "swift_gpi" is not a source type (known: csv)',
      'Bad-Name': 'sources.Bad-Name.name: must be lowercase letters, digits and underscores',
    });
    expect(() => settings.source('no_mapping')).toThrow(
      expect.objectContaining({ code: 'RECON_SOURCE_INVALID', message: 'source "no_mapping" is misconfigured in RECON_SOURCES_FILE: sources.no_mapping.options.mapping: is required for a csv source' }),
    );
    expect(() => settings.source('nowhere')).toThrow(expect.objectContaining({ code: 'RECON_SOURCE_UNKNOWN' }));
  });

  it('starts with no sources when the file is not JSON, and every run says why', () => {
    const settings = settingsFor('{ "bank": { "type": "csv", ');
    expect(settings.allSources()).toEqual([]);
    expect([...settings.problems.keys()]).toEqual(['RECON_SOURCES_FILE']);
    expect(() => settings.source('bank')).toThrow(expect.objectContaining({ code: 'RECON_SOURCE_INVALID', message: expect.stringMatching(/^source "bank" is misconfigured in RECON_SOURCES_FILE: the sources file cannot be used: .*JSON/) }));
  });
});
