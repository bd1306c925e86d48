import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { postgresUrlMessage, postgresUrlPattern, refusedSetting } from '../../config/setting-rules.js';

/** Where the database is, read the way ConfigModule reads it (the environment first, then `.env`) without class-validator. */
export interface DatabaseSettings {
  /** DATABASE_URL when set; otherwise the embedded server in `embeddedDir` is used. */
  url?: string;
  embeddedDir: string;
}


/** Only the two settings a plain connection needs; an invalid one throws a message naming it. */
export function readDatabaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const file = resolve('.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  const setting = (name: string): string | undefined => env[name] ?? fromFile[name];
  const url = setting('DATABASE_URL');
  if (url !== undefined && !postgresUrlPattern.test(url)) throw new Error(`Invalid configuration:\n${refusedSetting('DATABASE_URL', url, postgresUrlMessage)}`);
  return { url, embeddedDir: setting('EMBEDDED_POSTGRES_DIR') ?? '.data/postgres' };
}
