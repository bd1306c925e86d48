import { createHash } from 'node:crypto';
import type pg from 'pg';
import { decideGroup, groupRecord, type GroupRecord } from '../../domain/groups/group-outcome.js';
import type { GroupSettings } from '../../domain/groups/group-settings.js';
import { logReasonCodes } from '../../domain/log-reason-codes.js';
import type { ReconSide } from '../../domain/recon-record.js';
import { cursorRows } from './cursor.js';
import { bookingDay, directionsAgree, withinTiming } from './pair-conditions-sql.js';
import { CopyBatcher } from './pg-copy.js';
import type { MatchScope } from './set-matching.js';
import { keyOrder, otherSide } from './staged-sides.js';

const stagingCopySql = `COPY recon_staging_groups (job_id, group_id, external_id, transfer_id, reason_code, reason, amount_diff) FROM STDIN`;

/**
 * A side's records the group phase may use: in the period, in a supported currency, positive, not claimed by
 * another job, not matched one-to-one, not already in a group. Columns as the pool and target queries read them.
 */
const candidates: Record<ReconSide, string> = {
  external: `SELECT s.external_id AS key, s.reference, s.amount, s.currency, s.occurred_at, s.time_precision, s.booking_date, NULL::date AS business_day,
                    s.direction, NULLIF(s.group_id, '') AS batch, CASE WHEN s.time_precision = 'date' THEN ${bookingDay('s')} END AS day
             FROM recon_staging s
             WHERE s.job_id = $1 AND s.claimed_by IS NULL AND s.currency = ANY($2) AND s.amount > 0
               AND NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.external_id = s.external_id)
               AND NOT EXISTS (SELECT 1 FROM recon_staging_groups g WHERE g.job_id = $1 AND g.group_id IS NOT NULL AND g.external_id = s.external_id)`,
  internal: `SELECT l.transfer_id::text AS key, l.reference, l.amount, l.currency, l.occurred_at, NULL::text AS time_precision, NULL::date AS booking_date, l.business_day,
                    l.direction, NULL::text AS batch, l.business_day AS day
             FROM recon_staging_ledger l
             WHERE l.job_id = $1 AND l.claimed_by IS NULL AND l.in_period AND l.currency = ANY($2) AND l.amount > 0
               AND NOT EXISTS (SELECT 1 FROM recon_staging_matches m WHERE m.job_id = $1 AND m.transfer_id = l.transfer_id)
               AND NOT EXISTS (SELECT 1 FROM recon_staging_groups g WHERE g.job_id = $1 AND g.group_id IS NOT NULL AND g.transfer_id = l.transfer_id)`,
};

interface TargetRow {
  key: string;
  reference: string;
  amount: string;
  currency: string;
  occurred_at: Date;
  pool: Array<{ key: string; reference: string; amount: string; at_ms: string; batch: string | null }>;
}

/**
 * The group phase, after one-to-one assignment: first each unmatched external record against the unmatched
 * transfers (a batch payout: one line, several transfers), then each unmatched transfer against the unmatched
 * external records left (split settlements: several lines, one transfer). Its decisions go to
 * recon_staging_groups: groups in the claims' layout, and the targets to log ambiguous_group or
 * group_search_capped. Runs inside a transaction (cursors).
 *
 * Bounded work: targets stream through a cursor; each target's pool is read nearest-first off indexes (currency,
 * time, key) of a temporary table of the other side's candidates, before and after the target's instant, and cut
 * in SQL at pool_max + 1 (the extra one says "cut"); a target whose pool has fewer than two items or cannot reach
 * its amount is skipped in SQL. Node holds one page of targets and the keys already grouped in this pass.
 * Deterministic: targets in key order, first come first served: a record in an earlier group is never offered
 * to a later one.
 */
export async function findMatchGroups(client: pg.PoolClient, scope: MatchScope, settings: GroupSettings): Promise<void> {
  for (const targetSide of ['external', 'internal'] as const) {
    await searchDirection(client, scope, settings, targetSide);
  }
  // A target left ambiguous in the first direction may have become a member in the second: grouped wins.
  await client.query(
    `DELETE FROM recon_staging_groups o WHERE o.job_id = $1 AND o.group_id IS NULL AND EXISTS (
       SELECT 1 FROM recon_staging_groups g WHERE g.job_id = $1 AND g.group_id IS NOT NULL AND (g.external_id = o.external_id OR g.transfer_id = o.transfer_id))`,
    [scope.jobId],
  );
}

async function searchDirection(client: pg.PoolClient, scope: MatchScope, settings: GroupSettings, targetSide: ReconSide): Promise<void> {
  const poolSide = otherSide(targetSide);
  const pool = `recon_group_pool_${poolSide}`;
  await client.query(`CREATE TEMPORARY TABLE ${pool} ON COMMIT DROP AS ${candidates[poolSide]}`, [scope.jobId, scope.currencies]);
  // Both directions of time, so "nearest first" is read off an index and a scan stops after pool_max + 1 rows;
  // external records apart by precision (partial indexes), so a scan for one kind never walks the other.
  const partials = poolSide === 'external' ? ['WHERE day IS NULL', 'WHERE day IS NOT NULL'] : [''];
  for (const partial of partials) {
    for (const direction of ['ASC', 'DESC']) {
      await client.query(`CREATE INDEX ON ${pool} (currency, occurred_at ${direction}, ${keyOrder('key')}) ${partial}`);
    }
  }
  await client.query(`ANALYZE ${pool}`);

  const pair = targetSide === 'external' ? { external: 't', ledger: 'o' } : { external: 'o', ledger: 't' };
  const bound = `greatest($3::numeric, t.amount * COALESCE($4::numeric, 0) / 100)`;
  const window = `make_interval(mins => $5)`;
  const utcDay = (day: string, shift: string) => `((${day} + ${shift})::timestamp AT TIME ZONE 'UTC')`;
  // The coarse time range each kind of pair may lie in (withinTiming, the test pairs use, is then exact): a timed
  // line within the minute window; a date-only line booked 0..lag days after the transfer's business day (any
  // time zone: two days of margin), its own instant being 00:00 UTC of its booking day.
  const ranges: Array<{ when: string; from: string; to: string }> =
    targetSide === 'external'
      ? [
          { when: 't.day IS NULL', from: `t.occurred_at - ${window}`, to: `t.occurred_at + ${window}` },
          { when: 't.day IS NOT NULL', from: utcDay('t.day', '-($6::int + 2)'), to: utcDay('t.day', '2') },
        ]
      : [
          { when: 'o.day IS NULL', from: `t.occurred_at - ${window}`, to: `t.occurred_at + ${window}` },
          { when: 'o.day IS NOT NULL', from: utcDay('t.day', '-2'), to: utcDay('t.day', '($6::int + 2)') },
        ];
  // The nearest candidates on one side of the target's instant, in the (distance, key) order the domain cuts by.
  const scan = ({ when, from, to }: (typeof ranges)[number], later: boolean) => `(
          SELECT o.*, abs(extract(epoch FROM o.occurred_at - t.occurred_at)) AS distance FROM ${pool} o
          WHERE ${when} AND o.currency = t.currency
            AND ${later ? `o.occurred_at >= t.occurred_at AND o.occurred_at <= ${to}` : `o.occurred_at < t.occurred_at AND o.occurred_at >= ${from}`}
            AND o.amount <= t.amount + ${bound} AND ${withinTiming(pair, '$5', '$6')} AND ${directionsAgree(pair)}
          ORDER BY o.occurred_at ${later ? 'ASC' : 'DESC'}, ${keyOrder('o.key')} LIMIT $7)`;
  const scans = ranges.flatMap((range) => [scan(range, true), scan(range, false)]).join(' UNION ALL ');
  // Only external records carry a batch (the source's group id); the domain search never mixes batches in a
  // group of lines. A transfer has none, so a line's batch does not narrow its pool of transfers.
  const sql = `SELECT t.key, t.reference, t.amount::text AS amount, t.currency, t.occurred_at, p.pool
    FROM (${candidates[targetSide]}) t
    CROSS JOIN LATERAL (
      SELECT count(*) AS size, sum(near.amount) AS total,
             jsonb_agg(jsonb_build_object('key', near.key, 'reference', near.reference, 'amount', near.amount::text,
                                          'at_ms', (extract(epoch FROM near.occurred_at) * 1000)::bigint::text, 'batch', near.batch)
                       ORDER BY near.distance, ${keyOrder('near.key')}) AS pool
      FROM (
        SELECT * FROM (${scans}) either
        ORDER BY distance, ${keyOrder('key')} LIMIT $7
      ) near
    ) p
    WHERE p.size >= 2 AND p.total >= t.amount - ${bound}
    ORDER BY ${keyOrder('t.key')}`;
  const tolerance = settings.tolerance;
  const params = [
    scope.jobId, scope.currencies, (tolerance.absolute ?? 0).toString(), tolerance.percent?.toString() ?? null,
    scope.params.maxTimeDiffMinutes, scope.dating.maxDateLagDays, settings.poolMax + 1,
  ];
  const staging = new CopyBatcher(client, stagingCopySql);
  const used = new Set<string>();
  for await (const row of cursorRows<TargetRow>(client, `recon_groups_${targetSide}`, sql, params)) {
    const target = groupRecord(targetSide, row.key, row.reference, row.amount, row.currency, row.occurred_at);
    const cut = row.pool.length > settings.poolMax;
    const pool: GroupRecord[] = row.pool
      .filter((item) => !used.has(item.key))
      .slice(0, settings.poolMax)
      .map((item) => groupRecord(poolSide, item.key, item.reference, item.amount, row.currency, new Date(Number(item.at_ms)), item.batch));
    if (pool.length < 2) continue;
    const outcome = decideGroup(target, pool, settings, cut);
    if (outcome.kind === 'grouped') {
      const groupId = groupIdOf(scope.jobId, target);
      for (const member of outcome.members) used.add(member.key);
      for (const [index, member] of outcome.members.entries()) {
        // The claims' layout: the target beside its first member, each further member alone.
        const [external, transfer] = targetSide === 'external' ? [index === 0 ? target.key : null, member.key] : [member.key, index === 0 ? target.key : null];
        await staging.push([scope.jobId, groupId, external, transfer, logReasonCodes.matchedGroup, outcome.reason, outcome.amountDiff.toFixed()]);
      }
    } else if (outcome.kind === 'unmatched') {
      const [external, transfer] = targetSide === 'external' ? [target.key, null] : [null, target.key];
      await staging.push([scope.jobId, null, external, transfer, outcome.code, outcome.reason, null]);
    }
  }
  await staging.flush();
  await client.query(`DROP TABLE ${pool}`);
}

/** The same job and target give the same group id, so a job's groups read the same however often they are listed. */
function groupIdOf(jobId: string, target: GroupRecord): string {
  const hex = createHash('sha256').update(`${jobId}\u0000${target.side}\u0000${target.key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
