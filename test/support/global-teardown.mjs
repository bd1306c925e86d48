import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const serverUrl = process.env.TALLY_TEST_SERVER_URL;
  const name = process.env.TALLY_TEST_DATABASE;
  if (serverUrl && name) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  const embedded = globalThis.__tallyEmbedded;
  await embedded?.release();
  // Root keeps test clusters outside the checkout (/var/tmp/tally-embedded): throw them away with the run,
  // or every clone a CI makes would leave one behind.
  if (embedded?.owned && embedded.dataDir.startsWith('/var/tmp/tally-embedded/')) rmSync(embedded.dataDir, { recursive: true, force: true });
}
