import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../common/errors/domain-error.js';
import { timeDiffMinutesMax } from '../domain/limits.js';
import { previewSource } from '../domain/source-preview.js';
import { assertFileFormat, requireRegularFile } from '../infrastructure/input-file.js';
import { StatementHistory } from '../infrastructure/statement-history.js';
import { ReconSettings } from '../recon-settings.js';
import { presentPreview, type SourcePreviewView } from './preview-presenter.js';

/** Records shown at most; the whole file is still read, counted and balance-checked. */
export const previewRecordsMax = 100;
const previewRejectedMax = 200;

/**
 * Parses a file as a source would, without creating a job or writing anything: the first records, every
 * rejected row (up to 200, all counted) with its reason, the detected dialect and each statement's balance
 * check against the statements on record.
 */
export class PreviewSourceQuery extends Query<SourcePreviewView> {
  constructor(
    readonly source: string,
    readonly filePath: string,
    readonly limit = 20,
  ) {
    super();
  }
}

@QueryHandler(PreviewSourceQuery)
export class PreviewSourceHandler implements IQueryHandler<PreviewSourceQuery> {
  constructor(
    private readonly settings: ReconSettings,
    private readonly history: StatementHistory,
  ) {}

  async execute(query: PreviewSourceQuery): Promise<SourcePreviewView> {
    const configured = this.settings.source(query.source);
    if (!configured.needsFile) throw new DomainError('RECON_PREVIEW_UNSUPPORTED', 'validation', `source: ${query.source} does not read files; only file sources can be previewed`);
    requireRegularFile(query.filePath);
    assertFileFormat(configured.source, query.filePath);
    const items = configured.source.read({
      // Any valid date: file sources read every row whatever its date (jobs sort rows by period).
      businessDate: '2000-01-01',
      filePath: query.filePath,
      windowMinutes: timeDiffMinutesMax,
      timeZone: this.settings.businessTimeZone,
    });
    const preview = await previewSource(items, (statements) => this.history.previous(query.source, statements), {
      records: Math.min(Math.max(query.limit, 0), previewRecordsMax),
      rejected: previewRejectedMax,
    });
    return presentPreview(query.source, configured.config.type, preview);
  }
}
