import pg from 'pg';
import { ensureEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';

/**
 * The PostgreSQL server under test: DATABASE_URL's server, or the embedded one. The bench works only in
 * scratch databases it creates there and drops at the end, so every run starts from an empty log and
 * DATABASE_URL's own database is never touched.
 */
export class BenchDatabase {
  private readonly scratch: string[] = [];

  private constructor(
    /** The server's `postgres` database, for CREATE and DROP DATABASE. */
    readonly serverUrl: string,
    private readonly embedded: EmbeddedDatabase | undefined,
  ) {}

  static async open(log: (line: string) => void): Promise<BenchDatabase> {
    const embedded = process.env.DATABASE_URL ? undefined : await ensureEmbeddedPostgres(process.env.EMBEDDED_POSTGRES_DIR ?? '.data/postgres', log);
    return new BenchDatabase(urlOfDatabase(process.env.DATABASE_URL ?? embedded!.url, 'postgres'), embedded);
  }

  /** Creates an empty database named `name` (dropping a leftover of a killed run first) and returns its URL. */
  async createScratch(name: string): Promise<string> {
    await this.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await this.admin(`CREATE DATABASE ${name}`);
    this.scratch.push(name);
    return urlOfDatabase(this.serverUrl, name);
  }

  async dropScratch(name: string): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    this.scratch.splice(this.scratch.indexOf(name), 1);
  }

  async query<Row>(databaseUrl: string, sql: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    for (const name of [...this.scratch]) await this.dropScratch(name);
    await this.embedded?.release();
  }

  private async admin(sql: string): Promise<void> {
    await this.query(this.serverUrl, sql);
  }
}

export function urlOfDatabase(url: string, database: string): string {
  return Object.assign(new URL(url), { pathname: `/${database}` }).toString();
}
