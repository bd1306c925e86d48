import type { Writable } from 'node:stream';
import { pino, stdTimeFunctions, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
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
  return pino(options);
}

/** A logger that writes nothing (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
