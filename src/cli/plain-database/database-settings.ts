import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** Where the database is, read the way ConfigModule reads it (the environment first, then `.env`) without class-validator. */
export interface DatabaseSettings {
  /** DATABASE_URL when set; otherwise the embedded server in `embeddedDir` is used. */
  url?: string;
  embeddedDir: string;
}

/** The same rule and message as src/config/environment.ts, so a bad value reads the same from every command. */
const postgresUrl = /^postgres(ql)?:\/\/.+/;

/** Only the two settings a plain connection needs; an invalid one throws a message naming it. */
export function readDatabaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const file = resolve('.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  const setting = (name: string): string | undefined => env[name] ?? fromFile[name];
  const url = setting('DATABASE_URL');
  if (url !== undefined && !postgresUrl.test(url)) throw new Error(`Invalid configuration:\n  DATABASE_URL=${JSON.stringify(url)}: DATABASE_URL must be a postgres:// URL`);
  return { url, embeddedDir: setting('EMBEDDED_POSTGRES_DIR') ?? '.data/postgres' };
}
