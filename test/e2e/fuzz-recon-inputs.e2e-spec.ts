import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sqlFragments, unicodeStrings, unstorableStrings } from '../support/fuzz-inputs.js';
import { useTestApp } from '../support/test-app.js';

const inbox = mkdtempSync(join(tmpdir(), 'tally-fuzz-inbox-'));
mkdirSync(join(inbox, 'folder'));
writeFileSync(join(inbox, 'empty.csv'), '');

/** Query strings, path parameters and run requests of the reconciliation API, where the values are hostile. */
const hostileText = [
  '2025-02-30', '2025-13-01', '2025-00-00', '0000-01-01', '9999-12-31', '2025-2-3', '2025-07-13T00:00:00Z', '2025-07-13\n', ' 2025-07-13', '２０２５-07-13',
  '1e308', '-1', '0', '999999999999999999', '9999999999999999999', 'true', 'false', 'null', '[]', '{}', '..', '../../etc/passwd', '.', 'folder', 'empty.csv',
  '/', '\\', '%00', 'a\nb', '\r\n[Nest] LOG [Auth] forged', 'x'.repeat(5_000), 'x'.repeat(1_000), 'empty.csv/below', '00000000-0000-4000-8000-000000000001', '00000000-0000-0000-0000-000000000000',
  ...sqlFragments, ...unicodeStrings, ...unstorableStrings,
];
const textArb = fc.oneof(fc.constantFrom(...hostileText), fc.string({ maxLength: 40 }), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
const parameters = ['date', 'source', 'job_id', 'matched', 'limit', 'cursor'];

describe('fuzzing the reconciliation inputs', () => {
  const context = useTestApp({ RECON_INBOX_DIR: inbox, RATE_LIMIT_PER_MINUTE: '0' });
  const { http } = context;

  const expectNo5xx = (what: string, response: { status: number; text: string; body: { statusCode?: number; code?: unknown } }) => {
    if (response.status >= 500 || (response.status >= 400 && (response.body.statusCode !== response.status || typeof response.body.code !== 'string'))) {
      throw new Error(`${what} -> ${response.status} ${response.text.slice(0, 300)}`);
    }
  };

  it('answers every query string of /recon/jobs and /recon/logs with 2xx or a coded 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/recon/jobs', '/recon/logs'), fc.uniqueArray(fc.tuple(fc.constantFrom(...parameters), textArb), { maxLength: 4, selector: ([name]) => name }), async (path, pairs) => {
        const query = new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, value])).toString();
        expectNo5xx(`GET ${path}?${query}`, await http().get(`${path}?${query}`));
      }),
      { numRuns: 300 },
    );
  });

  it('answers every path parameter of status, summary and jobs with 2xx or a coded 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/recon/status/', '/recon/summary/', '/recon/jobs/'), textArb, async (path, value) => {
        // A lone surrogate cannot be percent-encoded; its well-formed version (U+FFFD) is sent instead.
        const url = `${path}${encodeURIComponent((value as string & { toWellFormed(): string }).toWellFormed())}`;
        expectNo5xx(`GET ${url}`, await http().get(url));
      }),
      { numRuns: 300 },
    );
  });

  it('answers every run request with 202 or a coded 4xx', async () => {
    const fields = fc.record(
      { source: fc.oneof(fc.constant('bank_csv'), textArb), date: fc.oneof(fc.constant('2025-07-13'), textArb), file_path: textArb, fuzzy_threshold: fc.oneof(textArb, fc.double()) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (body) => {
        const response = await http().post('/recon/run').send(body);
        expectNo5xx(`POST /recon/run ${JSON.stringify(body).slice(0, 300)}`, response);
      }),
      { numRuns: 200 },
    );
  });
});
