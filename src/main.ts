import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from './config/environment.js';
import { createHttpApp } from './http-app.js';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp();
  const config = app.get(ConfigService<Environment, true>);
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  await app.listen(port, host);
  new Logger('Tally').log(`Listening on http://${host}:${port} (docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
