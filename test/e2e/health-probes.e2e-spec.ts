import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import { ensureEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { startApp } from '../support/test-app.js';

/**
 * The probes against a PostgreSQL of their own, which this suite stops: never the run's shared server.
 * The app finds that server through EMBEDDED_POSTGRES_DIR (no DATABASE_URL), so it also counts as using
 * an embedded server.
 */
describe('health probes', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tally-probes-'));
  const dataDir = join(directory, 'postgres');
  let database: EmbeddedDatabase | undefined;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await ensureEmbeddedPostgres(dataDir, () => undefined);
    delete process.env.DATABASE_URL;
    app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir, MIGRATIONS_RUN: 'true' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.release();
    if (database && !database.dataDir.startsWith(directory)) rmSync(database.dataDir, { recursive: true, force: true });
    rmSync(directory, { recursive: true, force: true });
  }, 60_000);

  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };

  it('answers live and ready with their details while the database is up', async () => {
    const live = await http().get('/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok', info: { process: { status: 'up', uptime_seconds: expect.any(Number) } }, error: {}, details: expect.any(Object) });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.info).toEqual({
      database: expect.objectContaining({ status: 'up' }),
      migrations: expect.objectContaining({ status: 'up', applied: expect.any(Number) }),
      // As root the data lives outside the private temp directory; the probe names where it really is.
      embedded_postgres: expect.objectContaining({ status: 'up', data_dir: database!.dataDir, pid: expect.any(Number) }),
      recon_sources: expect.objectContaining({ status: 'up', sources: expect.arrayContaining(['bank_csv']) }),
    });
    expect(ready.body.error).toEqual({});
    await http().get('/health').expect(200, { status: 'ok', database: 'up' });
  });

  it('is not ready while a migration of this build is not applied', async () => {
    const [latest] = (await sql(`SELECT id, timestamp, name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1`)).rows;
    await sql(`DELETE FROM schema_migrations WHERE id = ${latest.id}`);
    try {
      const ready = await http().get('/health/ready').expect(503);
      expect(ready.body).toEqual({ statusCode: 503, code: 'NOT_READY', message: 'Not ready: migrations', details: [{ field: 'migrations', message: `pending: ${latest.name}` }] });
      await http().get('/health/live').expect(200);
    } finally {
      await sql(`INSERT INTO schema_migrations (id, timestamp, name) VALUES (${latest.id}, ${latest.timestamp}, '${latest.name}')`);
    }
    await http().get('/health/ready').expect(200);
  });

  it('stays live but is not ready once the database is down', async () => {
    await database!.release();
    database = undefined;
    const ready = await http().get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ statusCode: 503, code: 'NOT_READY' });
    const failing = (ready.body.details as { field: string }[]).map((detail) => detail.field);
    expect(failing).toEqual(expect.arrayContaining(['database', 'migrations', 'embedded_postgres']));
    expect(failing).not.toContain('recon_sources');
    await http().get('/health/live').expect(200);
    expect((await http().get('/health').expect(503)).body.code).toBe('DATABASE_UNAVAILABLE');
  });
});
