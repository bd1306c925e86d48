// `npm run bench`: transfers per second through the real HTTP stack (Fastify, validation, CommandBus,
// one PostgreSQL transaction per transfer), beside pgbench's TPC-B on the same server when pgbench is
// installed. The server runs as its own process; this process only generates load over keep-alive HTTP.
// Numbers are printed, never asserted: speed is measured here, not in tests.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ensureEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { describeCliStartup, measureCliStartup } from './cli-startup.js';
import { runPgbench } from './pgbench.js';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 200);

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await ensureEmbeddedPostgres(process.env.EMBEDDED_POSTGRES_DIR ?? '.data/postgres', () => undefined);
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  // Before the load, on a quiet server: start-up time is what this measures.
  const cliStartup = await measureCliStartup(databaseUrl);
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' }, stdio: 'inherit' });
  const client = new HttpClient(port, concurrency);
  try {
    await client.waitForHealth();
    const accounts = await openFundedAccounts(client);
    const result = await runLoad(client, accounts);
    console.log(`HTTP transfers: ${result.tps.toFixed(0)}/s over ${durationSeconds}s, concurrency ${concurrency}, ${accountCount} accounts`);
    console.log(`  latency p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, non-201 responses: ${result.failures}`);
    const tpcb = runPgbench(databaseUrl, concurrency, durationSeconds);
    if (tpcb !== undefined) console.log(`pgbench TPC-B, same server, same concurrency: ${tpcb.toFixed(0)} tps -> transfers / TPC-B = ${(result.tps / tpcb).toFixed(2)}`);
    console.log(describeCliStartup(cliStartup));
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    await embedded?.release();
  }
}

class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(path: string, body: unknown): Promise<{ status: number; json: { id?: string } }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { port: this.port, host: '127.0.0.1', path, method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  async waitForHealth(): Promise<void> {
    for (let attempt = 0; attempt < 120; attempt++) {
      const ok = await fetch(`http://127.0.0.1:${this.port}/health`).then((r) => r.ok).catch(() => false);
      if (ok) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error('The server did not become healthy');
  }
}

async function openFundedAccounts(client: HttpClient): Promise<string[]> {
  const float = (await client.post('/ledger/account', { currency: 'USD', type: 'internal', allow_overdraft: true })).json.id!;
  const accounts: string[] = [];
  for (let i = 0; i < accountCount; i++) {
    const id = (await client.post('/ledger/account', { currency: 'USD', type: 'user' })).json.id!;
    await client.post('/ledger/transfer', { source_account_id: float, destination_account_id: id, amount: '1000000.00', currency: 'USD' });
    accounts.push(id);
  }
  return accounts;
}

async function runLoad(client: HttpClient, accounts: string[]) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const source = accounts[Math.floor(Math.random() * accounts.length)];
      let destination = source;
      while (destination === source) destination = accounts[Math.floor(Math.random() * accounts.length)];
      const started = performance.now();
      const { status } = await client.post('/ledger/transfer', { source_account_id: source, destination_account_id: destination, amount: '0.01', currency: 'USD' });
      latencies.push(performance.now() - started);
      if (status !== 201) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { tps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
