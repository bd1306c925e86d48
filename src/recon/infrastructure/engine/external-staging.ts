import type pg from 'pg';
import { rejectedRow } from '../../domain/recon-job.js';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { SourceItem } from '../../domain/recon-source.js';
import type { CopyValue } from './copy-text.js';
import type { LogCopy } from './log-copy.js';
import { CopyBatcher } from './pg-copy.js';
import { settleStagedIds } from './staged-ids.js';
import { logOutOfPeriodRecords } from './staged-period.js';

const stagingCopySql = `COPY recon_staging (job_id, external_id, line, reference, end_to_end_id, amount, direction, currency, occurred_at,
  time_precision, booking_date, value_date, counterparty, description, group_id, ordinal, key_base, outside_date) FROM STDIN`;

export interface StagingHooks {
  /** Called every 10,000 items and at the end with how many were read. */
  readonly onProgress?: (itemsRead: number) => void;
}

/** The job's period, and each record's own date when it falls outside it (undefined inside). */
export interface StagingPeriod {
  readonly from: string;
  readonly to: string;
  readonly outsideDate: (record: ReconRecord) => string | undefined;
}

export interface StagedCounts {
  /** Records staged for matching: in the period, ids settled. */
  readonly records: number;
  /** Rows logged malformed_row: the source's rejections and repeated ids. */
  readonly rejected: number;
}

/**
 * Streams a source's items into recon_staging with COPY, batch by batch, so memory holds one batch whatever
 * the file's size; rejected rows go to the log as they come. Then, with every row in the database, repeated
 * ids are settled (staged-ids.ts) and the rows outside the period are logged out_of_period: the reader keeps
 * no per-row state.
 */
export async function stageExternal(
  client: pg.PoolClient,
  jobId: string,
  items: AsyncIterable<SourceItem>,
  logs: LogCopy,
  period: StagingPeriod,
  hooks: StagingHooks = {},
): Promise<StagedCounts> {
  const staging = new CopyBatcher(client, stagingCopySql);
  let read = 0;
  let rejected = 0;
  let derivedKeys = false;
  for await (const item of items) {
    read += 1;
    if (item.kind === 'record') {
      derivedKeys ||= item.record.keyBase !== undefined;
      await staging.push(stagingRow(jobId, item.record, read, period.outsideDate(item.record)));
    } else if (item.kind === 'rejected') {
      rejected += 1;
      await logs.push(rejectedRow(item.line, item.location ? `${item.location}: ${item.reason}` : item.reason));
    }
    if (read % 10_000 === 0) hooks.onProgress?.(read);
  }
  await staging.flush();
  // The source's rejections first, so the log keeps file order within each kind.
  await logs.flush();
  hooks.onProgress?.(read);
  const repeated = await settleStagedIds(client, jobId, derivedKeys);
  const outside = await logOutOfPeriodRecords(client, jobId, period);
  return { records: staging.written - repeated - outside, rejected: rejected + repeated };
}

function stagingRow(jobId: string, record: ReconRecord, ordinal: number, outsideDate: string | undefined): CopyValue[] {
  return [
    jobId, record.key, record.line, record.reference, record.endToEndId, record.amount.toFixed(), record.direction, record.currency,
    record.occurredAt.toISOString(), record.timePrecision, record.bookingDate, record.valueDate, record.counterparty, record.description, record.groupId,
    ordinal, record.keyBase, outsideDate,
  ];
}
