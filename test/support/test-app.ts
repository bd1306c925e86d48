import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
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
 * suite and closed after it. `env` is applied before the app's modules load (configuration is read when
 * they are imported, so the import happens here, after it).
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  const context = {} as TestApp;
  context.http = () => request(context.app.getHttpServer());
  context.ledger = ledgerClient(context.http);
  beforeAll(async () => {
    context.app = await startApp(env);
  });
  afterAll(() => context.app?.close());
  return context;
}

/** One more app instance (a second replica) on the same database. */
export async function startApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  Object.assign(process.env, env);
  const { createHttpApp } = await import('../../src/http-app.js');
  return createHttpApp({ logger: false });
}
