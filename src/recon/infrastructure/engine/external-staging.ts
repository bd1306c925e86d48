import type pg from 'pg';
import { DomainError } from '../../../common/errors/domain-error.js';
import { rejectedRow } from '../../domain/recon-job.js';
import type { ReconRecord } from '../../domain/recon-record.js';
import type { SourceItem } from '../../domain/recon-source.js';
import type { CopyValue } from './copy-text.js';
import type { LogCopy } from './log-copy.js';
import { CopyBatcher } from './pg-copy.js';

const stagingCopySql = `COPY recon_staging (job_id, external_id, line, reference, end_to_end_id, amount, direction, currency, occurred_at,
  time_precision, booking_date, value_date, counterparty, description, group_id) FROM STDIN`;

export interface StagingHooks {
  /** Called every 10,000 items and at the end with how many were read. */
  readonly onProgress?: (itemsRead: number) => void;
  /** Statement balances, for whoever checks them; the engine itself does not. */
  /** Whether a record belongs to the job; one that does not is logged by `logOutside` instead of staged. */
  readonly admits?: (record: ReconRecord) => boolean;
  readonly logOutside?: (record: ReconRecord) => Promise<void>;
}

export interface StagedCounts {
  readonly records: number;
  readonly rejected: number;
}

/**
 * Streams a source's items into recon_staging with COPY, batch by batch, so memory holds one batch whatever
 * the file's size; rejected rows go to the log as they come.
 */
export async function stageExternal(client: pg.PoolClient, jobId: string, items: AsyncIterable<SourceItem>, logs: LogCopy, hooks: StagingHooks = {}): Promise<StagedCounts> {
  const staging = new CopyBatcher(client, stagingCopySql);
  let read = 0;
  let rejected = 0;
  for await (const item of items) {
    read += 1;
    if (item.kind === 'record') {
      if (hooks.admits === undefined || hooks.admits(item.record)) await staging.push(stagingRow(jobId, item.record));
      else await hooks.logOutside?.(item.record);
    } else if (item.kind === 'rejected') {
      rejected += 1;
      await logs.push(rejectedRow(item.line, item.location ? `${item.location}: ${item.reason}` : item.reason));
    }
    if (read % 10_000 === 0) hooks.onProgress?.(read);
  }
  await staging.flush();
  hooks.onProgress?.(read);
  await refuseDuplicateIds(client, jobId);
  return { records: staging.written, rejected };
}

function stagingRow(jobId: string, record: ReconRecord): CopyValue[] {
  return [
    jobId, record.key, record.line, record.reference, record.endToEndId, record.amount.toFixed(), record.direction, record.currency,
    record.occurredAt.toISOString(), record.timePrecision, record.bookingDate, record.valueDate, record.counterparty, record.description, record.groupId,
  ];
}

/** Sources reject repeated ids themselves; one that does not would make "the record B-1" ambiguous. */
async function refuseDuplicateIds(client: pg.PoolClient, jobId: string): Promise<void> {
  const { rows } = await client.query<{ external_id: string }>(
    `SELECT external_id FROM recon_staging WHERE job_id = $1 GROUP BY external_id HAVING count(*) > 1 LIMIT 1`,
    [jobId],
  );
  if (rows.length > 0) throw new DomainError('RECON_INPUT_INVALID', 'validation', `external records: key ${rows[0].external_id} appears more than once`);
}
