import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/common/net/free-port.js';

const run = promisify(execFile);

/**
 * A newcomer's first run, where root's clones usually live: inside a directory nobody else may enter (a home
 * directory, `mktemp -d`, both mode 700). With no DATABASE_URL the server must start its own PostgreSQL (as
 * root, under the `postgres` user, who cannot enter that directory), and the CLI run beside it must find the
 * same server rather than start a second one.
 */
describe('embedded PostgreSQL from a checkout inside a private directory', () => {
  let privateDir: string;
  let checkout: string;
  let server: ReturnType<typeof spawn> | undefined;
  let output = '';

  // Only what the built app needs at run time, hard-linked: no second `npm ci`.
  const copied = ['package.json', 'dist', 'node_modules', 'config', 'data'];
  // The server and CLI run with no database configured at all.
  const env = () => {
    const { DATABASE_URL: _url, TEST_DATABASE_URL: _test, EMBEDDED_POSTGRES_DIR: _dir, ...rest } = process.env;
    return { ...rest, NODE_ENV: 'development', HOST: '127.0.0.1', LOG_LEVEL: 'log' };
  };

  beforeAll(async () => {
    privateDir = mkdtempSync(join(tmpdir(), 'tally-private-'));
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    checkout = join(privateDir, 'tally');
    await run('mkdir', [checkout]);
    await run('cp', ['-al', ...copied, checkout]);
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    }
    // The data of this throwaway checkout, wherever the start-up log said it lives.
    const dataDir = /data in (\S+)/.exec(output)?.[1];
    if (dataDir && !dataDir.startsWith(privateDir)) rmSync(dataDir, { recursive: true, force: true });
    rmSync(privateDir, { recursive: true, force: true });
  }, 60_000);

  it('serves /health, and the CLI beside it writes through the same server', async () => {
    // A port that is free now, not a random one: embedded servers and client sockets hold ephemeral ports too.
    const port = await freePort();
    server = spawn(process.execPath, ['dist/src/main.js'], { cwd: checkout, env: { ...env(), PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    let health: { status: string; database: string } | undefined;
    for (let attempt = 0; attempt < 600 && health === undefined && server.exitCode === null; attempt++) {
      health = await fetch(`${base}/health`).then((r) => (r.ok ? (r.json() as Promise<{ status: string; database: string }>) : undefined)).catch(() => undefined);
      if (health === undefined) await new Promise((done) => setTimeout(done, 100));
    }
    expect({ health, exitCode: server.exitCode, output: health ? '' : output }).toMatchObject({ health: { status: 'ok', database: 'up' }, exitCode: null });
    expect(output).toMatch(/Started embedded PostgreSQL on 127\.0\.0\.1:\d+, data in /);
    if (process.getuid?.() === 0) expect(output).toContain('data in /var/tmp/tally-embedded/data/postgres-');

    const seeded = await run(process.execPath, ['dist/src/cli.js', 'seed'], { cwd: checkout, env: env(), timeout: 120_000 });
    const alice = /^Alice\s+([0-9a-f-]{36})\s+450\.00 USD$/m.exec(seeded.stdout);
    expect(alice).not.toBeNull();
    // Alice as the server reads her: had the CLI started a server of its own, she would not be there.
    const balance = await fetch(`${base}/ledger/account/${alice![1]}/balance`).then((r) => r.json());
    expect(balance).toMatchObject({ balance: '450.00', currency: 'USD' });
  }, 180_000);
});
