import { Logger, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { validateEnvironment } from './config/environment.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { validationPipe } from './common/http/validation.js';
import { limitRequests } from './common/http/request-limits.js';
import { serverTimeouts } from './common/http/server-timeouts.js';

/** Most to least severe: LOG_LEVEL keeps its level and everything above it. */
const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Helmet's CSP, loosened only as far as Swagger UI (inline scripts) and ReDoc (its CDN) need. */
const docsFriendlyCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-inline'", 'https://cdn.redoc.ly'],
  styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
  imgSrc: ["'self'", 'data:', 'https:'],
  fontSrc: ["'self'", 'https:', 'data:'],
  workerSrc: ["'self'", 'blob:'],
};

const redocPage = `<!DOCTYPE html><html><head><title>Tally API</title><meta charset="utf-8"/></head>
<body><redoc spec-url="/docs-json"></redoc><script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script></body></html>`;

/** Builds the HTTP application exactly as `npm start` serves it; the e2e tests use the same function. */
export async function createHttpApp(options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  // Validated here too: the adapter needs BODY_LIMIT_BYTES before ConfigModule has read it.
  const environment = validateEnvironment(process.env);
  const { BODY_LIMIT_BYTES: bodyLimit, CORS_ORIGINS: corsOrigins, LOG_LEVEL: logLevel } = environment;
  const adapter = new FastifyAdapter({ bodyLimit, routerOptions: { ignoreTrailingSlash: true }, ...serverTimeouts(environment) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.logger === false ? false : logLevels.slice(0, logLevels.indexOf(logLevel) + 1),
    bufferLogs: true,
  });
  // CSV uploads to POST /recon/run; the per-request size limit is set where the file is read.
  await app.register(multipart, { limits: { files: 1, fields: 20 } });
  await app.register(helmet, { contentSecurityPolicy: { directives: docsFriendlyCsp } });
  limitRequests(app, environment);
  // CORS stays closed (no Access-Control-* headers) unless origins are configured.
  if (corsOrigins) app.enableCors({ origin: corsOrigins.split(',').map((origin) => origin.trim()), credentials: false });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.useGlobalPipes(validationPipe());
  setupDocs(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function setupDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Tally')
    .setDescription('Event-sourced double-entry ledger and reconciliation engine. Money is always a decimal string.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (tly_...) or a JWT; see docs/auth.md' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/redoc', (_request: unknown, reply: { type(t: string): { send(b: string): void } }) => reply.type('text/html').send(redocPage));
  new Logger('Docs').debug('Swagger UI at /docs, ReDoc at /redoc, OpenAPI at /docs-json');
}
