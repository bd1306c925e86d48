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
  const logger = new Logger('Tally');
  logger.log(`Listening on http://${host}:${port} (docs at /docs)`);
  // Graceful shutdown: stop accepting, let in-flight requests and background jobs finish, close the pool,
  // then exit 0. (Nest's enableShutdownHooks would re-raise the signal and end with no exit code.)
  // The embedded PostgreSQL runs in its own process group, so a terminal's Ctrl-C reaches only us; it is
  // stopped (DatabaseUrl.onApplicationShutdown) once the app has closed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: draining in-flight requests, then closing`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(error);
          process.exit(1);
        },
      );
    });
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
