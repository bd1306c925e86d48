import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { jobFinished } from '../support/recon-jobs.js';
import { useTestApp } from '../support/test-app.js';

/**
 * Match groups in the engine: after one-to-one matching, an unmatched line may pay several unmatched transfers
 * (one-to-many) and an unmatched transfer may be settled by several lines (many-to-one), when the source turns
 * groups on. Each case has a business date of its own (November 2025, which no other suite uses).
 */
const inbox = mkdtempSync(join(tmpdir(), 'tally-groups-'));
const header = 'id,ref,amount,currency,at\n';
const file = (name: string, lines: string[]) => writeFileSync(join(inbox, name), header + lines.map((line) => `${line}\n`).join(''));
file('payout.csv', ['BG-1,PAYOUT-77,150.00,USD,2025-11-10T12:00:00Z']);
file('split.csv', ['BG-2,SETTLE-9A,70.00,USD,2025-11-11T09:05:00Z', 'BG-3,SETTLE-9B,30.00,USD,2025-11-11T09:20:00Z']);
file('tied.csv', ['BG-4,PAYOUT-78,100.00,USD,2025-11-12T12:00:00Z']);
file('currencies.csv', ['BG-5,PAYOUT-79,90.00,EUR,2025-11-13T12:00:00Z']);
file('capped.csv', ['BG-6,PAYOUT-80,100.00,USD,2025-11-14T12:00:00Z']);
// Date-only lines (a statement's booking dates): compared by calendar day, never by minutes.
file('dated.csv', ['BD-1,BATCH-1,95.00,USD,2025-11-17', 'BD-2,PART-1,25.00,USD,2025-11-17', 'BD-3,PART-2,35.00,USD,2025-11-17']);
const sourcesFile = join(inbox, 'sources.json');
const mapping = { id: 'id', reference: 'ref', amount: 'amount', currency: 'currency', timestamp: 'at' };
writeFileSync(
  sourcesFile,
  JSON.stringify({
    bank_groups: { type: 'csv', options: { mapping }, groups: { enabled: true } },
    bank_capped: { type: 'csv', options: { mapping }, groups: { enabled: true, name: 'payout_batch', pool_max: 3 } },
    bank_plain: { type: 'csv', options: { mapping } },
    bank_dated: { type: 'csv', options: { mapping: { ...mapping, datePattern: 'yyyy-MM-dd' } }, groups: { enabled: true } },
  }),
);

type Row = Record<string, unknown>;

describe('match groups', () => {
  const context = useTestApp({ RECON_INBOX_DIR: inbox, RECON_SOURCES_FILE: sourcesFile });
  const { http, ledger } = context;
  const db = () => context.app.get(DataSource);

  const run = async (source: string, date: string, filePath: string) => {
    const started = await http().post('/recon/run').send({ source, date, file_path: filePath }).expect(202);
    const jobId = started.body.job_id as string;
    expect(await jobFinished(http, jobId)).toMatchObject({ status: 'completed' });
    const logs = (await http().get(`/recon/logs?job_id=${jobId}&limit=50`).expect(200)).body.data as Row[];
    const summary = (await http().get(`/recon/summary/${date}?job_id=${jobId}`).expect(200)).body as Row;
    const claims: Row[] = await db().query(
      `SELECT external_id, transfer_id::text AS transfer_id, group_id::text AS group_id FROM recon_claims WHERE job_id = $1 ORDER BY external_id, transfer_id`,
      [jobId],
    );
    return { jobId, logs, summary, claims };
  };
  const posted = async (float: string, account: string, amount: string, reference: string, at: string, currency = 'USD') =>
    (await ledger.transfer(float, account, amount, { reference, occurred_at: at, currency }).expect(201)).body.id as string;
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  let usd: { account: string; float: string };
  let eur: { account: string; float: string };
  const payout: Record<string, string> = {};

  beforeAll(async () => {
    usd = await ledger.fundedAccount('10000');
    eur = await ledger.fundedAccount('10000', 'EUR');
    payout['INV-1'] = await posted(usd.float, usd.account, '50.00', 'INV-1', '2025-11-10T11:40:00Z');
    payout['INV-2'] = await posted(usd.float, usd.account, '40.00', 'INV-2', '2025-11-10T11:50:00Z');
    payout['INV-3'] = await posted(usd.float, usd.account, '60.00', 'INV-3', '2025-11-10T12:10:00Z');
  });

  it('one bank line of 150.00 paying three transfers of 50 + 40 + 60 is one group: three matched_group rows, every member claimed', async () => {
    const { jobId, logs, summary, claims } = await run('bank_groups', '2025-11-10', 'payout.csv');
    const members = Object.entries(payout).sort(([, a], [, b]) => byKey(a, b));
    const [groupId] = new Set(logs.map((log) => log.group_id));
    expect(groupId).toMatch(/^[0-9a-f-]{36}$/);
    const reason = 'group of external record BG-1: 3 ledger transfers INV-2 40.00 + INV-1 50.00 + INV-3 60.00, sum 150.00 = 150.00 USD';
    // The claims' layout: the line beside its first member, each further member alone; each record once.
    expect(logs.map(({ side, external_id, internal_transfer_id, internal_reference, matched, match_type, rule, reason_code, group_id, amount_diff, reason: text }) => ({
      side, external_id, internal_transfer_id, internal_reference, matched, match_type, rule, reason_code, group_id, amount_diff, reason: text,
    }))).toEqual(
      members.map(([reference, id], index) => ({
        side: index === 0 ? 'external' : 'internal',
        external_id: index === 0 ? 'BG-1' : null,
        internal_transfer_id: id,
        internal_reference: reference,
        matched: true,
        match_type: 'group',
        rule: 'group',
        reason_code: 'matched_group',
        group_id: groupId,
        amount_diff: '0.00',
        reason,
      })),
    );
    expect(claims).toEqual(members.map(([, id], index) => ({ external_id: index === 0 ? 'BG-1' : null, transfer_id: id, group_id: groupId })).sort((a, b) => byKey(a.external_id ?? '~', b.external_id ?? '~') || byKey(a.transfer_id, b.transfer_id)));
    expect(summary).toMatchObject({
      external_total: 1, internal_total: 3, matched_exact: 0, matched_fuzzy: 0, matched_groups: 1, matched_group_external: 1, matched_group_internal: 3,
      unmatched_external: 0, unmatched_internal: 0, match_rate: 1, amounts: { USD: { external: '150.00', internal: '150.00', matched_external: '150.00' } },
    });
    expect((await http().get(`/recon/jobs/${jobId}`).expect(200)).body.counts).toMatchObject({ matched_exact: 0, unmatched_external: 0, unmatched_internal: 0 });
  });

  it('a rerun finds the same group, supersedes the first job and holds the claims alone (deterministic)', async () => {
    const first: Row[] = await db().query(`SELECT job_id FROM recon_claims WHERE source = 'bank_groups' AND transfer_id = $1`, [payout['INV-1']]);
    const again = await run('bank_groups', '2025-11-10', 'payout.csv');
    const membership = (logs: Row[]) => logs.map((log) => [log.external_id, log.internal_transfer_id, log.reason_code, log.reason]);
    const previousLogs = (await http().get(`/recon/logs?job_id=${first[0].job_id}&limit=50`).expect(200)).body.data as Row[];
    expect(membership(again.logs)).toEqual(membership(previousLogs));
    expect(again.claims.map((claim) => [claim.external_id, claim.transfer_id])).toHaveLength(3);
    expect((await http().get(`/recon/jobs/${first[0].job_id}`).expect(200)).body.superseded_by).toBe(again.jobId);
    const holders: Row[] = await db().query(`SELECT DISTINCT job_id FROM recon_claims WHERE source = 'bank_groups' AND transfer_id = ANY($1)`, [Object.values(payout)]);
    expect(holders).toEqual([{ job_id: again.jobId }]);
  });

  it('groups are opt-in: a source without `groups` leaves the same line and transfers unmatched', async () => {
    const { logs, summary, claims } = await run('bank_plain', '2025-11-10', 'payout.csv');
    expect(logs.filter((log) => log.matched === true)).toEqual([]);
    expect(logs.find((log) => log.external_id === 'BG-1')).toMatchObject({ matched: false, reason_code: 'no_candidate', group_id: null });
    expect(claims).toEqual([]);
    expect(summary).toMatchObject({ matched_groups: 0, unmatched_external: 1, unmatched_internal: 3, match_rate: 0 });
  });

  it('two bank lines of 70.00 and 30.00 settling one transfer of 100.00 are a many-to-one group', async () => {
    const settlement = await posted(usd.float, usd.account, '100.00', 'SETTLE-9', '2025-11-11T09:00:00Z');
    const { logs, summary, claims } = await run('bank_groups', '2025-11-11', 'split.csv');
    const groupId = logs[0].group_id;
    const reason = 'group of ledger transfer SETTLE-9: 2 external records BG-3 30.00 + BG-2 70.00, sum 100.00 = 100.00 USD';
    expect(logs.map(({ side, external_id, internal_transfer_id, reason_code, group_id, reason: text }) => ({ side, external_id, internal_transfer_id, reason_code, group_id, reason: text }))).toEqual([
      { side: 'external', external_id: 'BG-2', internal_transfer_id: settlement, reason_code: 'matched_group', group_id: groupId, reason },
      { side: 'external', external_id: 'BG-3', internal_transfer_id: null, reason_code: 'matched_group', group_id: groupId, reason },
    ]);
    expect(claims).toEqual([
      { external_id: 'BG-2', transfer_id: settlement, group_id: groupId },
      { external_id: 'BG-3', transfer_id: null, group_id: groupId },
    ]);
    expect(summary).toMatchObject({ external_total: 2, internal_total: 1, matched_groups: 1, matched_group_external: 2, matched_group_internal: 1, unmatched_external: 0, unmatched_internal: 0, match_rate: 1 });
  });

  it('two groups that fit equally (40 + 60 and 40 + another 60) are ambiguous_group: nothing is chosen or claimed', async () => {
    const ids = [await posted(usd.float, usd.account, '40.00', 'TIE-A', '2025-11-12T11:50:00Z'), await posted(usd.float, usd.account, '60.00', 'TIE-B', '2025-11-12T12:05:00Z'), await posted(usd.float, usd.account, '60.00', 'TIE-C', '2025-11-12T12:10:00Z')];
    const { logs, summary, claims } = await run('bank_groups', '2025-11-12', 'tied.csv');
    const line = logs.find((log) => log.external_id === 'BG-4');
    expect(line).toMatchObject({ matched: false, match_type: null, reason_code: 'ambiguous_group', group_id: null, rule: null });
    // The tied groups are listed by their members' keys (the ledger's ids), so either order may come first.
    const ties = ['TIE-A 40.00 + TIE-B 60.00', 'TIE-A 40.00 + TIE-C 60.00'];
    expect([ties.join('; '), [...ties].reverse().join('; ')].map((listed) => `2 groups of ledger transfers fit external record BG-4 100.00 USD equally (difference 0.00): ${listed}; none was chosen`)).toContain(line?.reason);
    // Each transfer is logged once, by the usual unmatched logging; the line is not logged twice.
    expect(logs.filter((log) => log.external_id === 'BG-4')).toHaveLength(1);
    expect(logs.filter((log) => ids.includes(log.internal_transfer_id as string)).map((log) => log.matched)).toEqual([false, false, false]);
    expect(claims).toEqual([]);
    expect(summary).toMatchObject({ matched_groups: 0, unmatched_external: 1, unmatched_internal: 3 });
  });

  it('never mixes currencies: a 90.00 EUR line against 50.00 USD + 40.00 USD and one 50.00 EUR finds no group', async () => {
    await posted(usd.float, usd.account, '50.00', 'MIX-1', '2025-11-13T11:55:00Z');
    await posted(usd.float, usd.account, '40.00', 'MIX-2', '2025-11-13T12:05:00Z');
    await posted(eur.float, eur.account, '50.00', 'MIX-3', '2025-11-13T12:00:00Z', 'EUR');
    const { logs, summary, claims } = await run('bank_groups', '2025-11-13', 'currencies.csv');
    expect(logs.filter((log) => log.matched === true)).toEqual([]);
    expect(logs.find((log) => log.external_id === 'BG-5')).toMatchObject({ matched: false, reason_code: 'no_candidate', group_id: null });
    expect(claims).toEqual([]);
    expect(summary).toMatchObject({ matched_groups: 0, unmatched_external: 1, unmatched_internal: 3 });
  });

  it('a pool cut to pool_max with nothing found among the nearest is group_search_capped', async () => {
    // Nearest three (10 + 20 + 30) cannot make 100.00; the fourth (40), further in time, is cut.
    for (const [amount, at] of [['10.00', '12:01'], ['20.00', '12:02'], ['30.00', '12:03'], ['40.00', '12:30']]) {
      await posted(usd.float, usd.account, amount, `CAP-${amount}`, `2025-11-14T${at}:00Z`);
    }
    const { logs, claims } = await run('bank_capped', '2025-11-14', 'capped.csv');
    expect(logs.find((log) => log.external_id === 'BG-6')).toMatchObject({
      matched: false,
      reason_code: 'group_search_capped',
      reason: 'no group of up to 5 ledger transfers sums to external record BG-6 100.00 USD among the 3 nearest in time; more candidates were not searched',
    });
    expect(claims).toEqual([]);
  });

  it('groups date-only lines by booking day: one line paying two transfers of that day, two lines settling one', async () => {
    const paid = [await posted(usd.float, usd.account, '30.00', 'DAY-1', '2025-11-17T08:00:00Z'), await posted(usd.float, usd.account, '65.00', 'DAY-2', '2025-11-17T21:30:00Z')];
    const settled = await posted(usd.float, usd.account, '60.00', 'DAY-3', '2025-11-17T14:00:00Z');
    // The day before is outside a zero-day lag: never a candidate (else 30.00 + 65.00 would tie).
    await posted(usd.float, usd.account, '30.00', 'DAY-0', '2025-11-16T23:00:00Z');
    const { logs, summary } = await run('bank_dated', '2025-11-17', 'dated.csv');
    const grouped = logs.filter((log) => log.reason_code === 'matched_group');
    const groups = new Map<unknown, Row[]>();
    for (const log of grouped) groups.set(log.group_id, [...(groups.get(log.group_id) ?? []), log]);
    const members = [...groups.values()].map((rows) => rows.flatMap((row) => [row.external_id, row.internal_transfer_id]).filter((id) => id !== null).sort());
    expect(members).toEqual(expect.arrayContaining([['BD-1', ...paid].sort(), ['BD-2', 'BD-3', settled].sort()]));
    expect(members).toHaveLength(2);
    expect(summary).toMatchObject({ matched_groups: 2, matched_group_external: 3, matched_group_internal: 3, unmatched_external: 0, unmatched_internal: 0 });
  });
});
