import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { Decimal } from '../../src/common/money/decimal.js';
import { assignOneToOne } from '../../src/recon/domain/assignment.js';
import type { Candidate } from '../../src/recon/domain/matcher.js';
import type { ReconRecord } from '../../src/recon/domain/recon-record.js';
import { assignCandidates } from '../../src/recon/infrastructure/engine/set-matching.js';
import { useTestApp } from '../support/test-app.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const record = (side: 'external' | 'internal', key: string): ReconRecord => ({ side, key, reference: '', amount: new Decimal(0), currency: 'USD', occurredAt: new Date(0) });

/** The SQL assignment (rounds of mutually best pairs) must pick exactly what the domain's greedy walk picks. */
describe('one-to-one assignment in SQL', () => {
  const context = useTestApp();

  it.each([1, 2, 3, 4, 5, 6])('matches the greedy best-first assignment on random candidates with ties (seed %i)', async (seed) => {
    const next = random(seed);
    const externals = Array.from({ length: 40 }, (_, index) => `E-${String(index).padStart(2, '0')}`);
    // Transfer ids from the generator too, so their order (the last tie-break) is the same on every run.
    const internals = Array.from({ length: 40 }, (_, index) => `${Math.floor(next() * 0xffffffff).toString(16).padStart(8, '0')}-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < 300; index++) {
      const external = externals[Math.floor(next() * externals.length)];
      const internal = internals[Math.floor(next() * internals.length)];
      if (seen.has(`${external}/${internal}`)) continue;
      seen.add(`${external}/${internal}`);
      // Few distinct values, so ties on score, time and amount are common and the keys must break them.
      const score = [1, 0.9, 0.85][Math.floor(next() * 3)];
      const minutes = [0, 1, 5][Math.floor(next() * 3)];
      const amountDiff = new Decimal(['0', '0.01'][Math.floor(next() * 2)]);
      candidates.push({ external: record('external', external), internal: record('internal', internal), type: 'fuzzy', score, amountDiff, timeDiffMinutes: minutes });
    }
    const expected = assignOneToOne(candidates).map((match) => `${match.external.key}/${match.internal.key}`).sort();

    const jobId = randomUUID();
    const runner = context.app.get(DataSource).createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      for (const candidate of candidates) {
        await client.query(
          `INSERT INTO recon_staging_candidates (job_id, external_id, transfer_id, match_type, score, amount_diff, time_diff_ms) VALUES ($1, $2, $3, 'fuzzy', $4, $5, $6)`,
          [jobId, candidate.external.key, candidate.internal.key, candidate.score, candidate.amountDiff.toFixed(), candidate.timeDiffMinutes * 60_000],
        );
      }
      await assignCandidates(client, jobId);
      const rows: { pair: string }[] = (await client.query(`SELECT external_id || '/' || transfer_id AS pair FROM recon_staging_matches WHERE job_id = $1`, [jobId])).rows;
      expect(rows.map((row) => row.pair).sort()).toEqual(expected);
      expect((await client.query(`SELECT count(*)::int AS n FROM recon_staging_candidates WHERE job_id = $1`, [jobId])).rows).toEqual([{ n: 0 }]);
    } finally {
      await client.query(`DELETE FROM recon_staging_matches WHERE job_id = $1`, [jobId]);
      await runner.release();
    }
  });
});
