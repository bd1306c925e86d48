import { Command, CommandRunner, Option } from 'nest-commander';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import type { PreviewSourceOptions } from '../jobs/preview-source.job.js';

/**
 * `preview-source --source bank_mt940 --file ./statement.sta`: parses the file with the source's definition
 * and prints what a job would read (records, rejected rows with reasons, the detected dialect, statement
 * balance checks), without creating a job. `--json` prints the API's answer instead.
 */
@Command({ name: 'preview-source', description: 'Parse a file with a source definition and show records, rejected rows, the dialect and balance checks; no job is created' })
export class PreviewSourceCommand extends CommandRunner {
  async run(_: string[], options: Partial<PreviewSourceOptions>): Promise<void> {
    const { source, file } = options;
    if (!source) throw ValidationFailed.field('--source', 'is required');
    if (!file) throw ValidationFailed.field('--file', 'is required');
    const { previewSourceFile } = await import('../jobs/preview-source.job.js');
    await previewSourceFile({ ...options, source, file });
  }

  @Option({ flags: '--source <name>', description: 'A source named in RECON_SOURCES_FILE' })
  parseSource(value: string): string {
    return value;
  }

  @Option({ flags: '--file <path>', description: 'The file to parse' })
  parseFile(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: 'Records to show (default 20, at most 100)' })
  parseLimit(value: string): number {
    if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw ValidationFailed.field('--limit', 'must be an integer from 0 to 100');
    return Number(value);
  }

  @Option({ flags: '--json', description: 'Print the preview as JSON (the shape of POST /recon/sources/{name}/preview)' })
  parseJson(): boolean {
    return true;
  }
}
