import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { postgresUrlMessage, postgresUrlPattern, refusedSetting } from './setting-rules.js';

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1' || value === true) return true;
  if (value === 'false' || value === '0' || value === false) return false;
  return value; // left as is so that @IsBoolean names the variable
};
const toInteger = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/**
 * Every environment variable Tally reads, with its default. Validated once at start: a bad value stops
 * the process with a message naming the variable. The README's configuration table mirrors this class.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(postgresUrlPattern, { message: postgresUrlMessage })
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_POSTGRES_DIR = '.data/postgres';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsOptional()
  @Matches(/^[A-Z]{3}(,[A-Z]{3})*$/, { message: 'LEDGER_CURRENCIES must be comma-separated ISO 4217 codes, e.g. USD,EUR' })
  LEDGER_CURRENCIES?: string;

  @Transform(toBoolean)
  @IsBoolean()
  LEDGER_ALLOW_OVERDRAFT = false;

  /** Commands one group commit (one transaction) may carry; a batch request counts with its transfers. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(4096)
  LEDGER_BATCH_MAX = 256;

  /** How long a lone command waits for others to share its commit, in microseconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100_000)
  LEDGER_BATCH_WAIT_MICROSECONDS = 1_000;

  /** Commands not yet answered (waiting or being written) beyond which writes are refused with 503 OVERLOADED. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LEDGER_WRITE_QUEUE_MAX = 10_000;

  /** Batches written at the same time by one process, each on its own connection. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(16)
  LEDGER_WRITE_LANES = 1;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Object keys plus array items one JSON body may hold; counted before the body is parsed (400 VALIDATION_FAILED naming `body` above). */
  @Transform(toInteger)
  @IsInt()
  @Min(16)
  JSON_ENTRIES_MAX = 1_000;

  /** Nesting levels of objects and arrays one JSON body may have (400 VALIDATION_FAILED naming `body` above). */
  @Transform(toInteger)
  @IsInt()
  @Min(2)
  @Max(64)
  JSON_DEPTH_MAX = 32;

  /** A client must send its request headers within this many milliseconds of connecting (408 and closed after). */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** ... and its whole request, headers and body, within this many; at least HTTP_HEADERS_TIMEOUT_MS. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  HTTP_REQUEST_TIMEOUT_MS = 60_000;

  /** A socket with no traffic either way for this many milliseconds is closed; 0 never closes one for idling. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  HTTP_CONNECTION_TIMEOUT_MS = 120_000;

  /** How long a kept-alive connection may wait for its next request; longer than any load balancer's idle timeout in front. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /** Requests per minute per API key (or per client address without one); 0 turns rate limiting off. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE = 6_000;

  /**
   * Requests per minute per client address, counted before authentication (so a flood of bad keys is
   * limited too); unset: RATE_LIMIT_PER_MINUTE; 0 turns the address limit off.
   */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE?: number;

  /**
   * Whether to believe X-Forwarded-* headers (client address, protocol); Fastify's trustProxy. `false` (the
   * default): nothing in front is trusted. `true`: any peer is, so only when every request comes through the
   * proxy. Or the proxies' addresses/CIDRs (or proxy-addr's `loopback`, `linklocal`, `uniquelocal`), comma-separated.
   */
  @Matches(/^(true|false|((loopback|linklocal|uniquelocal|[0-9a-f]*[.:][0-9a-f.:]*(\/\d{1,3})?)(\s*,\s*|$))+)$/i, {
    message: 'TRUST_PROXY must be true, false or comma-separated proxy addresses such as 10.0.0.0/8,127.0.0.1',
  })
  TRUST_PROXY = 'false';

  /** Comma-separated origins allowed by CORS; unset: no CORS headers, browsers on other origins are refused. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsString()
  RECON_SOURCES_FILE = 'config/recon-sources.json';

  /** The only directory `file_path` may point into when a run is requested over HTTP. */
  @IsString()
  RECON_INBOX_DIR = 'data';

  @IsString()
  RECON_UPLOAD_DIR = '.data/uploads';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  RECON_UPLOAD_MAX_BYTES = 52_428_800;

  @IsOptional()
  @Matches(/^[A-Z]{3}(,[A-Z]{3})*$/, { message: 'RECON_SUPPORTED_CURRENCIES must be comma-separated ISO 4217 codes' })
  RECON_SUPPORTED_CURRENCIES?: string;

  @Matches(/^(0(\.\d+)?|1(\.0+)?)$/, { message: 'RECON_FUZZY_THRESHOLD must be a decimal between 0 and 1' })
  RECON_FUZZY_THRESHOLD = '0.80';

  @Matches(/^\d{1,18}(\.\d{1,4})?$/, { message: 'RECON_ALLOWED_AMOUNT_DIFF must be a non-negative decimal such as 0.05' })
  RECON_ALLOWED_AMOUNT_DIFF = '0.05';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10_080)
  RECON_MAX_TIME_DIFF_MINUTES = 60;

  @Transform(toBoolean)
  @IsBoolean()
  RECON_SCHEDULE_ENABLED = false;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(23)
  RECON_SCHEDULE_HOUR = 2;

  @IsString()
  RECON_SCHEDULE_TIMEZONE = 'UTC';

  /** The IANA zone whose calendar days are business dates (when a bank's "13 July" starts and ends). */
  @IsString()
  RECON_BUSINESS_TIMEZONE = 'UTC';

  /** Unset: required in production and whenever HOST is not loopback (see src/auth/auth-policy.ts). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  AUTH_REQUIRED?: boolean;

  /** HS256 key for JWT bearer tokens; 32+ characters because a short HMAC key can be brute-forced offline. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Plain http only on loopback: a JWKS fetched over an open network could be swapped for an attacker's keys. */
  @IsOptional()
  @Matches(/^(https:\/\/.+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/.*)?)$/, { message: 'JWT_JWKS_URL must be an https:// URL (http:// only on localhost)' })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Longest accepted JWT lifetime (`exp` - `iat`), in seconds; a longer-lived token is refused. */
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  JWT_MAX_LIFETIME_SECONDS = 86_400;

  /** Oldest accepted JWT (now - `iat`), in seconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  JWT_MAX_AGE_SECONDS = 86_400;

  /** API keys' `last_used_at` is written in one UPDATE at most this often (and at shutdown), never by a request. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3_600)
  API_KEY_LAST_USED_FLUSH_SECONDS = 30;

  /** A completed reconciliation job with more unmatched records (both sides) than this raises the alert and the recon.unmatched_above_threshold webhook. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RECON_UNMATCHED_ALERT_THRESHOLD = 0;

  /** Reconciliation jobs one process runs at once (each holds a database connection); a further start answers 409 RECON_JOBS_BUSY. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(16)
  RECON_JOBS_CONCURRENCY_MAX = 2;

  /** Let webhook URLs resolve to loopback, private or link-local addresses (tests, receivers inside the network). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** How often the dispatcher looks for work (and a standby replica tries to take over), in milliseconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(60_000)
  WEBHOOK_DISPATCH_INTERVAL_MS = 1_000;

  /** A delivery attempt that has not answered within this many milliseconds has failed. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Attempts of one delivery before its subscription pauses at it. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_ATTEMPTS_MAX = 15;

  /** Delay after the first failed attempt; it doubles with each failure, with jitter, up to WEBHOOK_RETRY_MAX_MS. */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 10_000;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** Days to keep uploaded recon files that a job used (0: forever). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RETENTION_UPLOAD_DAYS = 365;

  /** Days to keep recon staging: today, uploaded files no job refers to (a run refused or interrupted after the upload). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RETENTION_RECON_STAGING_DAYS = 1;

  /** Days to keep Idempotency-Key records; a retry after that posts again (0: forever). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RETENTION_IDEMPOTENCY_KEY_DAYS = 30;

  /** Days to keep webhook attempts and finished deliveries (0: forever). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RETENTION_WEBHOOK_ATTEMPT_DAYS = 30;

  /** Seconds between retention sweeps, run by one replica (0: no scheduled sweep; `tally retention:sweep` still works). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RETENTION_SWEEP_INTERVAL_SECONDS = 86_400;

  /** Seconds between scheduled runs of verify, by one replica, exported as metrics (0: never scheduled). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  VERIFY_INTERVAL_SECONDS = 86_400;
}

/** TRUST_PROXY as Fastify's `trustProxy` option expects it: a boolean, or the list of trusted proxies. */
export function trustProxyOption(value: string): boolean | string {
  // Validated case-insensitively; Fastify's proxy-addr wants lower case (`TRUE` would be read as an address).
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower === 'true' : lower;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const environment = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => refusedSetting(error.property, error.value, Object.values(error.constraints ?? {}).join('; ')));
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (environment.HTTP_HEADERS_TIMEOUT_MS > environment.HTTP_REQUEST_TIMEOUT_MS) {
    throw new Error(`Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS=${environment.HTTP_HEADERS_TIMEOUT_MS}: must not exceed HTTP_REQUEST_TIMEOUT_MS (${environment.HTTP_REQUEST_TIMEOUT_MS})`);
  }
  if (environment.WEBHOOK_RETRY_BASE_MS > environment.WEBHOOK_RETRY_MAX_MS) {
    throw new Error(`Invalid configuration:\n  WEBHOOK_RETRY_BASE_MS=${environment.WEBHOOK_RETRY_BASE_MS}: must not exceed WEBHOOK_RETRY_MAX_MS (${environment.WEBHOOK_RETRY_MAX_MS})`);
  }
  return environment;
}

