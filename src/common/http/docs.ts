import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

const require = createRequire(import.meta.url);

/** Handler names that are verbs already; any other name is a noun read with `get` (balance -> getBalance). */
const verbs = new Set(['create', 'get', 'list', 'update', 'delete', 'run', 'check', 'verify']);

/**
 * Operation ids a client generator turns into good method names: verb + resource, `createTransfer`,
 * `listAccounts`, `getBalance`. An explicit @ApiOperation({ operationId }) wins over this.
 */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  if (!verbs.has(methodKey)) return `get${capitalize(methodKey)}`;
  return `${methodKey}${resource}${methodKey === 'list' ? 's' : ''}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tally')
    .setDescription(
      'Event-sourced double-entry ledger and reconciliation engine. Money is always a decimal string; every error is ' +
        '`{statusCode, code, message, details?}` with a stable `code` (each response lists its codes as examples).',
    )
    .setVersion('0.1.0')
    // Relative: the document describes whichever host and scheme it was fetched from.
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key (tly_...) or JWT', description: 'An API key (tly_...) or a JWT; see docs/auth.md' }, 'bearer')
    .addSecurityRequirements('bearer')
    .addTag('ledger', 'Accounts, transfers and the event log')
    .addTag('recon', 'Reconciliation jobs, their summaries and logs')
    .addTag('admin', 'Verification of the whole ledger')
    .addTag('health', 'Liveness and database reachability')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
  document.info.license = { name: 'UNLICENSED' }; // package.json's license; the builder insists on a URL
  markPublicOperations(document);
  return document;
}

/**
 * @RequireScope documents the bearer requirement on every guarded operation, and the guard refuses any route
 * that declares neither a scope nor @Public(): so an operation without a requirement is a public one, and
 * says so with `security: []` instead of inheriting the document's bearer requirement.
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
}

/** ReDoc's standalone bundle from the `redoc` package, served from this origin so the page works offline. */
function redocBundle(): { path: string; source: Buffer } {
  const version = (require('redoc/package.json') as { version: string }).version;
  return { path: `/redoc/${version}/redoc.standalone.js`, source: readFileSync(require.resolve('redoc/bundles/redoc.standalone.js')) };
}

function redocPage(bundlePath: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>Tally API</title></head>
<body><redoc spec-url="/docs-json"></redoc><script src="${bundlePath}"></script></body></html>`;
}

/** Swagger UI at /docs, ReDoc at /redoc, the OpenAPI document at /docs-json: all from this origin, no CDN. */
export function setupDocs(app: NestFastifyApplication): void {
  // Swagger UI's own assets come from swagger-ui-dist through @nestjs/swagger, under /docs.
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Tally API',
    // The validator badge would send the document to validator.swagger.io.
    swaggerOptions: { validatorUrl: null, persistAuthorization: true },
  });
  const bundle = redocBundle();
  const page = redocPage(bundle.path);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/redoc', (_request, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(page));
  // The version is in the path, so the bundle may be cached for good.
  fastify.get(bundle.path, (_request, reply: FastifyReply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(bundle.source),
  );
  new Logger('Docs').debug('Swagger UI at /docs, ReDoc at /redoc, OpenAPI at /docs-json');
}
