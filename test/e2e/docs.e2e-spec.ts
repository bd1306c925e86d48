import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp, useTestApp } from '../support/test-app.js';

const require = createRequire(import.meta.url);
type Operation = { operationId: string; security?: unknown[]; parameters?: { name: string; in: string; schema: { format?: string } }[]; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, DocumentedResponse> };
type DocumentedResponse = { content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, { value: { statusCode: number; code: string } }> }> };

function operationsOf(document: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
}

describe('API documentation', () => {
  const { http } = useTestApp();

  it('serves Swagger UI at /docs, ReDoc at /redoc and the OpenAPI document at /docs-json', async () => {
    expect((await http().get('/docs').redirects(1)).status).toBe(200);
    expect((await http().get('/redoc').expect(200)).text).toContain('/docs-json');
    const document = (await http().get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/ledger/account', '/ledger/account/{id}', '/ledger/account/{id}/balance', '/ledger/transfer', '/ledger/transfer/{id}', '/ledger/events', '/health']),
    );
    const transfer = document.paths['/ledger/transfer'].post;
    expect(Object.keys(transfer.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '422']));
    expect(document.components.schemas.TransferDto.properties.amount.example).toBe('100.50');
  });

  it('loads every script of both pages from this origin: ReDoc from the installed redoc package, Swagger UI from swagger-ui-dist', async () => {
    const redoc = (await http().get('/redoc').expect(200)).text;
    const scripts = [...redoc.matchAll(/<script[^>]*src="([^"]+)"/g)].map(([, src]) => src);
    expect(scripts).toEqual([`/redoc/${require('redoc/package.json').version}/redoc.standalone.js`]);
    const bundle = await http().get(scripts[0]).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(bundle.headers['content-type']).toMatch(/^application\/javascript/);
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect((bundle.body as Buffer).equals(await readFile(require.resolve('redoc/bundles/redoc.standalone.js')))).toBe(true);

    const swagger = (await http().get('/docs').redirects(1).expect(200)).text;
    const swaggerScripts = [...swagger.matchAll(/<script[^>]*src="([^"]+)"/g)].map(([, src]) => src);
    expect(swaggerScripts.length).toBeGreaterThan(0);
    for (const src of swaggerScripts) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      await http().get(new URL(src, 'http://host/docs').pathname).expect(200);
    }
  });

  it('sends a CSP that names no other origin, and no upgrade-insecure-requests over plain HTTP', async () => {
    for (const path of ['/redoc', '/docs/', '/health']) {
      const policy = (await http().get(path).expect(200)).headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/https:|cdn/);
      expect(policy).not.toContain('upgrade-insecure-requests');
    }
    // Without TRUST_PROXY a client cannot claim HTTPS for itself.
    const spoofed = await http().get('/redoc').set('X-Forwarded-Proto', 'https').expect(200);
    expect(spoofed.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('gives every error response one example per code, with that status and code', async () => {
    const document = (await http().get('/docs-json').expect(200)).body;
    const seen: string[] = [];
    for (const { path, method, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
        const examples = response.content?.['application/json']?.examples ?? {};
        expect(Object.keys(examples).length).toBeGreaterThan(0);
        for (const [name, { value }] of Object.entries(examples)) {
          expect({ path, method, status, name, code: value.code, statusCode: value.statusCode }).toEqual({ path, method, status, name, code: name, statusCode: Number(status) });
          seen.push(`${status} ${value.code}`);
        }
      }
    }
    expect(seen).toEqual(expect.arrayContaining(['400 VALIDATION_FAILED', '401 UNAUTHENTICATED', '403 FORBIDDEN', '404 ACCOUNT_NOT_FOUND', '409 IDEMPOTENCY_KEY_REUSED', '422 INSUFFICIENT_FUNDS', '503 DATABASE_UNAVAILABLE']));
    const unprocessable = document.paths['/ledger/transfer'].post.responses['422'].content['application/json'].examples;
    expect(Object.keys(unprocessable)).toEqual(['SAME_ACCOUNT', 'CURRENCY_MISMATCH', 'INSUFFICIENT_FUNDS']);
  });

  it('names operations verb + resource, unique, and documents servers and the bearer scheme for all but public routes', async () => {
    const document = (await http().get('/docs-json').expect(200)).body;
    const operations = operationsOf(document);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+[A-Z][A-Za-z]*$/);
    expect(ids).toEqual(expect.arrayContaining(['createTransfer', 'getTransfer', 'createAccount', 'listAccounts', 'getBalance', 'listEvents', 'runRecon', 'getReconJob', 'listReconJobs', 'verifyLedger', 'checkHealth']));
    expect(document.servers.length).toBeGreaterThan(0);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    // The probes are public (a load balancer has no key); everything else needs the bearer scheme.
    const isProbe = (path: string) => path === '/health' || path.startsWith('/health/');
    for (const { path, operation } of operations.filter(({ path }) => isProbe(path))) expect({ path, security: operation.security }).toEqual({ path, security: [] });
    for (const { path, operation } of operations.filter(({ path }) => !isProbe(path))) expect({ path, security: operation.security }).toEqual({ path, security: [{ bearer: [] }] });
  });

  it('documents every recon response with a schema, the CSV upload field, and uuid ids', async () => {
    const document = (await http().get('/docs-json').expect(200)).body;
    for (const { path, method, operation } of operationsOf(document).filter(({ path }) => path.startsWith('/recon'))) {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ path, method, successes: success.length }).toEqual({ path, method, successes: 1 });
      expect({ path, schema: success[0][1].content?.['application/json']?.schema?.$ref }).toEqual({ path, schema: expect.stringMatching(/^#\/components\/schemas\/Recon/) });
    }
    const upload = document.paths['/recon/run'].post.requestBody.content['multipart/form-data'].schema.$ref.split('/').pop();
    expect(document.components.schemas[upload].properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(document.paths['/recon/run'].post.requestBody.content['application/json']).toBeDefined();
    expect(document.paths['/recon/jobs/{id}'].get.parameters.find((parameter: { name: string }) => parameter.name === 'id').schema.format).toBe('uuid');
    expect(document.components.schemas.ReconJobResponse.properties.job_id.format).toBe('uuid');
  });

  it('passes `redocly lint` with no errors', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'tally-openapi-'));
    try {
      const file = join(directory, 'openapi.json');
      await writeFile(file, JSON.stringify((await http().get('/docs-json').expect(200)).body));
      const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('@redocly/cli/bin/cli.js'), 'lint', file, '--config', 'redocly.yaml', '--format=json'], {
        // No telemetry, update check or notices: the test must not need the network.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const report = JSON.parse(stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
      expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('API documentation behind a trusted proxy (TRUST_PROXY=true)', () => {
  let app: NestFastifyApplication;
  const previous = process.env.TRUST_PROXY;
  beforeAll(async () => {
    app = await startApp({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await app?.close();
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
  });

  it('adds upgrade-insecure-requests when the proxy says the request came over HTTPS, and only then', async () => {
    const https = await request(app.getHttpServer()).get('/redoc').set('X-Forwarded-Proto', 'https').expect(200);
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const plain = await request(app.getHttpServer()).get('/redoc').set('X-Forwarded-Proto', 'http').expect(200);
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
