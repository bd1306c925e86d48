import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createHttpApp } from '../../src/http-app.js';
import { ledgerClient } from './ledger-client.js';

export type Http = () => ReturnType<typeof request>;

export interface TestApp {
  /** Set once the suite's `beforeAll` has run. */
  app: NestFastifyApplication;
  http: Http;
  ledger: ReturnType<typeof ledgerClient>;
}

/**
 * The real HTTP app (Fastify, filters, pipes) on the run's own PostgreSQL database, started before the
 * suite and closed after it.
 */
export function useTestApp(): TestApp {
  const context = {} as TestApp;
  context.http = () => request(context.app.getHttpServer());
  context.ledger = ledgerClient(context.http);
  beforeAll(async () => {
    context.app = await createHttpApp({ logger: false });
  });
  afterAll(() => context.app?.close());
  return context;
}
