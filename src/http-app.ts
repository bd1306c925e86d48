import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import multipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { validateEnvironment } from './config/environment.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { setupDocs } from './common/http/docs.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { validationPipe } from './common/http/validation.js';
import { limitRequests } from './common/http/request-limits.js';
import { transferBatchBodyLimits } from './ledger/api/transfer-batch.controller.js';
import { serverTimeouts } from './common/http/server-timeouts.js';
import { fastifyObservabilityOptions, installHttpObservability, loggersFor, type LogOptions } from './observability/http-observability.js';

/** Builds the HTTP application exactly as `npm start` serves it; the e2e tests use the same function. */
export async function createHttpApp(options: LogOptions = {}): Promise<NestFastifyApplication> {
  // Validated here too: the adapter needs BODY_LIMIT_BYTES and the logging settings before ConfigModule has read them.
  const environment = validateEnvironment(process.env);
  const { BODY_LIMIT_BYTES: bodyLimit, CORS_ORIGINS: corsOrigins } = environment;
  const loggers = loggersFor(environment, options);
  const adapter = new FastifyAdapter({ bodyLimit, routerOptions: { ignoreTrailingSlash: true }, ...serverTimeouts(environment), ...fastifyObservabilityOptions(environment, loggers.pino) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { logger: loggers.nest, bufferLogs: true });
  await installHttpObservability(app, environment);
  // CSV uploads to POST /recon/run; the per-request size limit is set where the file is read.
  await app.register(multipart, { limits: { files: 1, fields: 20 } });
  await registerSecurityHeaders(app);
  // After the address rate limit (installHttpObservability): a flood is counted before its bodies are looked at.
  limitRequests(app, environment, [transferBatchBodyLimits(environment.JSON_DEPTH_MAX)]);
  // CORS stays closed (no Access-Control-* headers) unless origins are configured.
  if (corsOrigins) app.enableCors({ origin: corsOrigins.split(',').map((origin) => origin.trim()), credentials: false });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.useGlobalPipes(validationPipe());
  setupDocs(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
