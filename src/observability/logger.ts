import type { Writable } from 'node:stream';
import { pino, stdTimeFunctions, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { FastifyBaseLogger } from 'fastify';
import type { Environment } from '../config/environment.js';

/** LOG_LEVEL keeps Nest's names; pino calls `log` info and `verbose` trace. */
const pinoLevelOf = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;

/**
 * Belt and braces: request lines are built field by field and never carry headers or bodies, but an
 * object logged elsewhere with one of these fields has it replaced rather than written out.
 */
const redactedPaths = ['authorization', 'cookie', 'password', 'secret', 'token', 'api_key', 'key_hash']
  .flatMap((field) => [field, `*.${field}`, `*.headers.${field}`]);

export type LogSettings = Pick<Environment, 'NODE_ENV' | 'LOG_LEVEL'>;

/**
 * The process's one logger. JSON lines (one object per line, `level` as a word, ISO time) everywhere but
 * a development terminal, which gets pino-pretty's colours. `destination` lets a test read the lines.
 */
export function createLogger(settings: LogSettings, destination?: Writable): Logger {
  const options: LoggerOptions = {
    level: pinoLevelOf[settings.LOG_LEVEL],
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (settings.NODE_ENV === 'development' && process.stdout.isTTY) return pino(options, pretty({ colorize: true, sync: true, singleLine: true, ignore: 'pid,hostname' }));
  if (settings.NODE_ENV === 'production') return pino(options, bufferedStdout());
  return pino(options);
}

/**
 * Production's stdout, one line per request. pino's default destination already writes asynchronously, but
 * starts a write (a libuv request, a thread-pool hop) for nearly every line; buffered up to 4 KiB, a write
 * carries ten or more lines under load, and a quiet server's lines still leave within 100 ms.
 * Lines still in the buffer when the process exits (process.exit after an error, the SIGTERM shutdown in
 * main.ts, an uncaught exception) are written synchronously: pino registers flushSync on 'exit' for every
 * asynchronous destination it builds, and writes a FATAL line synchronously anyway. Only SIGKILL, or a
 * signal before main.ts handles it, loses the last 100 ms.
 */
function bufferedStdout() {
  return pino.destination({ dest: process.stdout.fd || 1, sync: false, minLength: 4096, periodicFlush: 100 });
}

/**
 * The same logger (level, stream, formatters) without the redactor, for the per-request line only. Its
 * keys are fixed and its values strings, numbers or null, so no redaction path could ever match it; yet
 * with paths that start with a wildcard, pino runs every value and the message of every line through
 * @pinojs/redact, which parses all fourteen wildcard paths again on each call: about 3% of the CPU of a
 * POST /ledger/transfer under load, to change nothing. Anything else, request.log included, keeps redacting.
 */
export function withoutRedaction(logger: Logger | FastifyBaseLogger): Logger {
  return logger.child({}, { redact: [] }) as Logger;
}

/** A logger that writes nothing (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
