// Plain ESM: Jest loads globalSetup outside its module mapper, so this imports the compiled build
// (`npm test` runs `tsc` first) rather than TypeScript sources.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

/**
 * Gives the e2e run a fresh database of its own: on TEST_DATABASE_URL's server when set (CI points it
 * at the machine's PostgreSQL), else on an embedded PostgreSQL configured as .data/test-postgres (as root it lives
 * under /var/tmp/tally-embedded instead; see src/database/embedded/embedded-layout.ts). The database
 * is dropped in global-teardown; the schema comes from the migrations, which the app applies at start.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    globalThis.__tallyEmbedded = await ensureEmbeddedPostgres('.data/test-postgres', () => undefined);
    serverUrl = globalThis.__tallyEmbedded.url;
  }
  const name = `tally_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.TALLY_TEST_SERVER_URL = serverUrl;
  process.env.TALLY_TEST_DATABASE = name;
  process.env.DATABASE_URL = url.toString();
}
