import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from '../../src/common/net/free-port.js';

const run = promisify(execFile);
const outputTailCharactersMax = 20_000;
const healthAttemptsMax = 240;

/**
 * The compiled server (`node dist/src/main.js`) as its own process, configured as in production:
 * NODE_ENV=production with its default logging, authentication required, one API key; only the rate limit
 * is off, so the bench measures the ledger and not the limiter.
 */
export class TallyServer {
  private outputTail = '';
  private key = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** The one API key (scopes ledger:read, ledger:write, admin) every request of the bench sends. */
  get apiKey(): string {
    return this.key;
  }

  static async start(databaseUrl: string): Promise<TallyServer> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', AUTH_REQUIRED: 'true', RATE_LIMIT_PER_MINUTE: '0' };
    delete env.LOG_LEVEL;
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new TallyServer(child, `http://127.0.0.1:${port}`);
    // Production logs go to stdout; reading them keeps the pipe from filling and stalling the server.
    const keep = (chunk: Buffer) => (server.outputTail = (server.outputTail + chunk.toString()).slice(-outputTailCharactersMax));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    try {
      await server.waitForHealth();
      // The server has applied the migrations by now, so the CLI finds the api_keys table.
      const { stdout } = await run(process.execPath, ['dist/src/cli.js', 'create-api-key', '--name', 'bench', '--scopes', 'ledger:read,ledger:write,admin'], { env });
      server.key = stdout.trim().split('\n').pop()!;
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** VmHWM, the peak resident set of the server process since its start or the last {@link resetPeakRss}. */
  peakRssMebibytes(): number | undefined {
    try {
      const kibibytes = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return kibibytes ? Number(kibibytes[1]) / 1024 : undefined;
    } catch {
      return undefined; // not Linux
    }
  }

  /** Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS); false where that is refused. */
  resetPeakRss(): boolean {
    try {
      writeFileSync(`/proc/${this.child.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitForHealth(): Promise<void> {
    for (let attempt = 0; attempt < healthAttemptsMax; attempt++) {
      if (this.child.exitCode !== null) break;
      const up = await fetch(`${this.url}/health`).then((response) => response.ok).catch(() => false);
      if (up) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`the server did not become healthy:\n${this.outputTail}`);
  }
}
