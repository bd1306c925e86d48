import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import multipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { trustProxyOption, validateEnvironment } from './config/environment.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { setupDocs } from './common/http/docs.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { validationPipe } from './common/http/validation.js';

/** Most to least severe: LOG_LEVEL keeps its level and everything above it. */
const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Builds the HTTP application exactly as `npm start` serves it; the e2e tests use the same function. */
export async function createHttpApp(options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  // Validated here too: the adapter needs BODY_LIMIT_BYTES before ConfigModule has read it.
  const { BODY_LIMIT_BYTES: bodyLimit, CORS_ORIGINS: corsOrigins, LOG_LEVEL: logLevel, TRUST_PROXY: trustProxy } = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({ bodyLimit, trustProxy: trustProxyOption(trustProxy), routerOptions: { ignoreTrailingSlash: true } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.logger === false ? false : logLevels.slice(0, logLevels.indexOf(logLevel) + 1),
    bufferLogs: true,
  });
  // CSV uploads to POST /recon/run; the per-request size limit is set where the file is read.
  await app.register(multipart, { limits: { files: 1, fields: 20 } });
  await registerSecurityHeaders(app);
  // CORS stays closed (no Access-Control-* headers) unless origins are configured.
  if (corsOrigins) app.enableCors({ origin: corsOrigins.split(',').map((origin) => origin.trim()), credentials: false });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.useGlobalPipes(validationPipe());
  setupDocs(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
