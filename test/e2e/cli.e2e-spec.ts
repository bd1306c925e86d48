import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { runCli } from '../support/run-cli.js';

/** A loopback port nothing listens on: any attempt to reach a database there fails at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const commands = [
  'seed', 'migrate', 'projections:rebuild', 'run-recon', 'verify', 'create-api-key', 'revoke-api-key', 'webhooks:create', 'webhooks:list', 'webhooks:update',
  'webhooks:pause', 'webhooks:resume', 'webhooks:delete', 'webhooks:rotate-secret', 'webhooks:replay', 'retention:sweep',
];

describe('help and version recorded at build time (dist/cli-help.json)', () => {
  const invocations = [[], ['--help'], ['-h'], ['help'], ['--version'], ['-V'], ...commands.flatMap((name) => [[name, '--help'], [name, '-h']])];

  it('is what nest-commander prints, for every invocation it answers: same output, streams and exit code', async () => {
    expect(existsSync('dist/cli-help.json')).toBe(true);
    const { answers } = JSON.parse(readFileSync('dist/cli-help.json', 'utf8')) as { answers: Record<string, unknown> };
    for (const args of invocations) {
      const live = await runCli(args, { TALLY_CLI_LIVE_HELP: '1' });
      expect({ args, answer: answers[args.join(' ')] }).toEqual({ args, answer: live });
      expect({ args, answer: await runCli(args, { TALLY_CLI_LIVE_HELP: '' }) }).toEqual({ args, answer: live });
    }
    // Two processes per invocation, about 40 invocations: nest-commander's start-up on a busy machine is most of it.
  }, 240_000);
});

describe('the CLI surface (tally --help, --version, option spellings)', () => {
  let noDatabase: Record<string, string>;

  beforeAll(async () => {
    // Also an invalid setting: help and version must not need the configuration, let alone the database.
    noDatabase = { DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/none`, DATABASE_POOL_SIZE: 'many' };
  });

  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const result = await runCli(['--version'], noDatabase);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help as tally, listing every command, with no database reachable', async () => {
    const result = await runCli(['--help'], noDatabase);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tally \[options\] \[command\]/);
    for (const command of commands) expect(result.stdout).toContain(`  ${command}`);
  });

  it("shows each run-recon option once and names the business time zone for --date", async () => {
    const result = await runCli(['run-recon', '--help'], noDatabase);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: tally run-recon [options]');
    for (const option of ['--file_path', '--account_id', '--fuzzy_threshold', '--allowed_amount_diff', '--max_time_diff_minutes']) {
      expect(result.stdout.split(option).length - 1).toBe(1);
      expect(result.stdout).not.toContain(option.replaceAll('_', '-'));
    }
    expect(result.stdout).toMatch(/--date <YYYY-MM-DD>[\s\S]*business time zone[\s\S]*RECON_BUSINESS_TIMEZONE/);
  });

  it('accepts both spellings of an option (parsed before any database work, so none is needed)', async () => {
    for (const args of [
      ['--file_path', 'a.csv', '--account_id', 'x', '--max_time_diff_minutes', '5'],
      ['--file-path', 'a.csv', '--account-id=x', '--max-time-diff-minutes', '5'],
    ]) {
      const result = await runCli(['run-recon', '--date', '2025-07-13', ...args], noDatabase);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('--source: is required');
      expect(result.stderr).not.toContain('unknown option');
    }
    const invalid = await runCli(['run-recon', '--fuzzy-threshold', 'high'], noDatabase);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('--fuzzy_threshold: must be a non-negative number');
  });

  it('refuses an unknown option', async () => {
    const result = await runCli(['run-recon', '--file-pth', 'a.csv'], noDatabase);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown option '--file-pth'");
  });

  it('reports a database that is down, with exit code 1', async () => {
    const result = await runCli(['verify'], { DATABASE_URL: noDatabase.DATABASE_URL });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('validates the configuration once a command needs it: exit code 1, naming the variable', async () => {
    const result = await runCli(['migrate'], noDatabase);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_POOL_SIZE');
  });

  it('verify reads only the database settings, and names an invalid one', async () => {
    const result = await runCli(['verify'], { DATABASE_URL: 'mysql://127.0.0.1/tally' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// URL');
  });
});
