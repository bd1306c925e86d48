import type { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { trustProxyOption, type Environment } from '../config/environment.js';
import { installRateLimits } from '../common/http/rate-limit/address-rate-limit.js';
import { createLogger, silentLogger } from './logger.js';
import { PinoNestLogger } from './nest-logger.js';
import { requestIdOf } from './request-id.js';
import { installRequestLogging } from './request-logging.js';
import { installHttpMetrics } from './metrics/http-metrics.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';

export interface LogOptions {
  /** false: write nothing (most tests). */
  logger?: false;
  /** Where the JSON lines go instead of stdout (tests that read them). */
  logDestination?: Writable;
}

/** The pino logger of the process, and the same logger as Nest's LoggerService. */
export function loggersFor(environment: Environment, options: LogOptions): { pino: Logger; nest: PinoNestLogger | false } {
  if (options.logger === false && !options.logDestination) return { pino: silentLogger(), nest: false };
  const pino = createLogger(environment, options.logDestination);
  return { pino, nest: new PinoNestLogger(pino) };
}

/** Fastify's own options for request ids, the logger and the client address. */
export function fastifyObservabilityOptions(environment: Environment, logger: Logger): FastifyServerOptions {
  return {
    loggerInstance: logger,
    genReqId: requestIdOf,
    // requestIdOf reads the header itself, with a check Fastify's requestIdHeader would not make.
    requestIdHeader: false,
    // One line per request, written by installRequestLogging, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    trustProxy: trustProxyOption(environment.TRUST_PROXY),
  };
}

/**
 * Hooks on every request, called before the routes are registered (app.init): the request id and log line
 * first, so a request refused by the rate limit has both.
 */
export async function installHttpObservability(app: NestFastifyApplication, environment: Environment): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  installRequestLogging(fastify);
  installHttpMetrics(fastify, app.get(MetricsRegistry));
  await installRateLimits(app, environment);
}
