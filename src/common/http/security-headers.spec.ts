import helmet from '@fastify/helmet';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { registerSecurityHeaders, securityHeaderOptions } from './security-headers.js';

@Module({})
class NoRoutes {}

/** A Nest app behind a trusted proxy with a page, a failing route and a hook that answers before the routes. */
async function appWith(install: (app: NestFastifyApplication) => Promise<void>): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(NoRoutes, new FastifyAdapter({ trustProxy: true }), { logger: false });
  await install(app);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url === '/refused') await reply.code(429).send({ code: 'RATE_LIMITED' });
  });
  fastify.get('/page', (_request, reply) => reply.header('x-route', 'page').send({ ok: true }));
  fastify.get('/fails', () => {
    throw new Error('boom');
  });
  await app.init();
  await fastify.ready();
  return app;
}

/** How security-headers.ts registered them before: @fastify/helmet on every request, then the HTTPS hook. */
async function asBefore(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, securityHeaderOptions);
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = reply.raw.getHeader('content-security-policy');
    if (request.protocol === 'https' && typeof policy === 'string') reply.raw.setHeader('content-security-policy', `${policy};upgrade-insecure-requests`);
  });
}

describe('registerSecurityHeaders', () => {
  let before: NestFastifyApplication;
  let now: NestFastifyApplication;

  beforeAll(async () => {
    before = await appWith(asBefore);
    now = await appWith(registerSecurityHeaders);
  });

  afterAll(async () => {
    await before?.close();
    await now?.close();
  });

  const exchange = async (app: NestFastifyApplication, url: string, proto: string) => {
    const response = await app.getHttpAdapter().getInstance().inject({ url, headers: { 'x-forwarded-proto': proto } });
    const { date: _date, ...headers } = response.headers;
    return { status: response.statusCode, headers, body: response.body };
  };

  it.each(['/page', '/fails', '/missing', '/refused'].flatMap((url) => [[url, 'http'], [url, 'https']]))(
    'sends what @fastify/helmet sent on %s over %s',
    async (url, proto) => {
      const expected = await exchange(before, url, proto);
      expect(expected.headers['x-content-type-options']).toBe('nosniff');
      expect(await exchange(now, url, proto)).toEqual(expected);
    },
  );

  it('adds upgrade-insecure-requests to the CSP over HTTPS only', async () => {
    const https = (await exchange(now, '/page', 'https')).headers['content-security-policy'];
    const plain = (await exchange(now, '/page', 'http')).headers['content-security-policy'];
    expect(https).toBe(`${plain};upgrade-insecure-requests`);
    expect(plain).toContain("default-src 'self'");
    expect(plain).not.toContain('upgrade-insecure-requests');
  });
});
