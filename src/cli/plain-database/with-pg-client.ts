import pg from 'pg';
import { readDatabaseSettings } from './database-settings.js';
import { ensureSchemaIsCurrent } from './schema-check.js';

/**
 * Runs `work` on one plain `pg` connection to Tally's database, whose schema must be current; no Nest, no TypeORM,
 * no class-validator (for a read-only command such as `verify`, they were most of its run time). Uses the embedded
 * server, as the other commands do, when DATABASE_URL is unset. `connect` opens another connection to the same
 * database, which the caller ends.
 */
export async function withPgClient<T>(work: (client: pg.Client, connect: () => Promise<pg.Client>) => Promise<T>): Promise<T> {
  const settings = readDatabaseSettings();
  let release = async (): Promise<void> => undefined;
  let url = settings.url;
  if (url === undefined) {
    // Loaded only when needed: the binaries are an optional dependency, absent from the production image.
    const { ensureEmbeddedPostgres } = await import('../../database/embedded-postgres.js');
    // Its progress lines are info-level, which the CLI does not print.
    const embedded = await ensureEmbeddedPostgres(settings.embeddedDir, () => undefined);
    ({ url, release } = embedded);
  }
  const connect = async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    await client.connect();
    return client;
  };
  try {
    const client = await connect();
    try {
      await ensureSchemaIsCurrent(client);
      return await work(client, connect);
    } finally {
      await client.end();
    }
  } finally {
    await release();
  }
}
