import { resolve } from 'node:path';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import type { SourcePreviewView } from '../../recon/queries/preview-presenter.js';
import { PreviewSourceQuery } from '../../recon/queries/preview-source.query.js';
import { ReconModule } from '../../recon/recon.module.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';

export interface PreviewSourceOptions {
  source: string;
  file: string;
  limit?: number;
  json?: boolean;
}

/** Prints the preview; exit code 0 whatever the file holds (rejections are findings, not failures). */
export async function previewSourceFile(options: PreviewSourceOptions): Promise<void> {
  await withCommandContext({ imports: [CqrsModule.forRoot(), ReconModule] }, async (context) => {
    const preview: SourcePreviewView = await context.get(QueryBus).execute(new PreviewSourceQuery(options.source, resolve(options.file), options.limit ?? 20));
    if (options.json) console.log(JSON.stringify(preview, null, 2));
    else printPreview(preview);
  });
}

function printPreview(preview: SourcePreviewView): void {
  console.log(`Source ${preview.source} (${preview.type}): ${preview.records_total} records, ${preview.rejected_total} rejected`);
  if (preview.dialect) console.log(`Dialect: ${Object.entries(preview.dialect).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(', ') : String(value)}`).join('; ')}`);
  console.log('');
  printTable(
    preview.records.map((record) => ({
      line: record.line ?? '',
      id: record.id,
      booked: record.booked,
      amount: record.amount,
      direction: record.direction ?? '',
      currency: record.currency,
      reference: record.reference,
      counterparty: record.counterparty ?? '',
    })),
  );
  if (preview.records_total > preview.records.length) console.log(`... ${preview.records_total - preview.records.length} more records`);
  if (preview.rejected.length > 0) {
    console.log('\nRejected:');
    for (const row of preview.rejected) console.log(`  ${row.location ?? `line ${row.line}`}: ${row.reason}`);
    if (preview.rejected_total > preview.rejected.length) console.log(`  ... ${preview.rejected_total - preview.rejected.length} more`);
  }
  if (preview.statements.length > 0) {
    console.log('\nStatements:');
    printTable(
      preview.statements.map((statement) => ({
        statement: statement.key,
        account: statement.account,
        currency: statement.currency,
        opening: statement.opening ? `${statement.opening.amount}${statement.opening.derived ? ' (derived)' : ''}` : '',
        entries: statement.entries,
        net: statement.net,
        closing: statement.closing?.amount ?? '',
      })),
    );
  }
  console.log(preview.findings.length === 0 ? (preview.statements.length > 0 ? '\nBalance check: every statement adds up.' : '') : '\nFindings:');
  for (const finding of preview.findings) console.log(`  ${finding.code}: ${finding.message}`);
}
