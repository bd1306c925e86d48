import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { eventually } from '../support/poll.js';
import { ScratchDatabase } from '../support/scratch-database.js';
import { ServerProcess } from '../support/server-process.js';

/** What the Dockerfile copies into the image's /app. */
const imageContents = ['package.json', 'node_modules', 'dist', 'bin', 'config', 'data'];
const nobody = 65534;

/**
 * The compiled server laid out as in the Docker image (an app directory its user cannot write) and run as an
 * unprivileged user: `nobody` when the tests run as root, as in CI, else the tests' own user with the app
 * directory made read-only. The files are hard links (copies across file systems) in a fresh 0755 directory,
 * because the checkout may sit under a directory only root can enter.
 */
describe('the server as an unprivileged user in a directory it cannot write', () => {
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: nobody, gid: nobody } : {};
  const base = mkdtempSync(join(tmpdir(), 'tally-unprivileged-'));
  const app = join(base, 'app');
  let database: ScratchDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    chmodSync(base, 0o755);
    mkdirSync(app, { mode: 0o755 });
    for (const entry of imageContents) linkOrCopy(entry, join(app, entry));
    linkOrCopy(process.execPath, join(base, basename(process.execPath)));
    if (!asRoot) chmodSync(app, 0o555);
    database = await ScratchDatabase.create('tally_unprivileged');
    server = await ServerProcess.start({ DATABASE_URL: database.url }, { cwd: app, execPath: join(base, basename(process.execPath)), ...user });
  });
  afterAll(async () => {
    await server?.stop('SIGTERM');
    await database?.drop();
    chmodSync(app, 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  const upload = () => server.http().post('/recon/run').field('source', 'bank_csv').field('date', '2025-07-13').attach('file', 'data/bank_dump.csv');

  it('answers 503 UPLOAD_STORAGE_UNAVAILABLE and logs the path when the upload directory cannot be created', async () => {
    const refused = await upload().expect(503);
    expect(refused.body).toMatchObject({ code: 'UPLOAD_STORAGE_UNAVAILABLE' });
    expect(refused.body.message).not.toContain(app);
    await eventually(async () => (server.output.includes(`Cannot store an upload in RECON_UPLOAD_DIR ${join(app, '.data', 'uploads')}`) ? true : undefined));
    expect(server.output).toMatch(/EACCES/);
  });

  it('accepts an upload once the upload directory exists and is the server user\'s, as the image makes it', async () => {
    if (!asRoot) chmodSync(app, 0o755);
    mkdirSync(join(app, '.data', 'uploads'), { recursive: true, mode: 0o755 });
    if (asRoot) for (const dir of [join(app, '.data'), join(app, '.data', 'uploads')]) chownSync(dir, nobody, nobody);
    if (!asRoot) chmodSync(app, 0o555);

    const accepted = await upload().expect(202);
    const job = await eventually(async () => {
      const found = await server.http().get(`/recon/jobs/${accepted.body.job_id}`).expect(200);
      return ['completed', 'failed'].includes(found.body.status) ? found.body : undefined;
    });
    expect(job).toMatchObject({ status: 'completed', error: null, counts: { external_total: 3 } });
    expect(job.parameters).toMatchObject({ file_path: null, upload_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(job.parameters)).not.toContain(base);
  });
});

/** Hard links keep this fast; a temporary directory on another file system gets a copy instead. */
function linkOrCopy(from: string, to: string): void {
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'pipe' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync('cp', ['-a', from, to], { stdio: 'pipe' });
  }
}
