import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createHttpApp } from '../../src/http-app.js';

/** The real HTTP app (Fastify, filters, pipes) on the run's own PostgreSQL database. */
export async function startTestApp(): Promise<{ app: NestFastifyApplication; http: () => ReturnType<typeof request> }> {
  process.env.LOG_LEVEL ??= 'error';
  const app = await createHttpApp({ logger: false });
  return { app, http: () => request(app.getHttpServer()) };
}
