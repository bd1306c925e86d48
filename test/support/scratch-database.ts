import pg from 'pg';

/** A database of its own on the test server, for tests that damage data on purpose. */
export class ScratchDatabase {
  readonly url: string;

  constructor(readonly name: string) {
    this.url = Object.assign(new URL(process.env.TALLY_TEST_SERVER_URL!), { pathname: `/${name}` }).toString();
  }

  static async create(prefix: string, template?: string): Promise<ScratchDatabase> {
    const scratch = new ScratchDatabase(`${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
    await admin(`CREATE DATABASE ${scratch.name}${template ? ` TEMPLATE ${template}` : ''}`);
    return scratch;
  }

  /** Runs SQL as the server's superuser, e.g. to switch triggers off and edit rows as an attacker would. */
  async query(sql: string): Promise<pg.QueryResult> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await admin(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TALLY_TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
