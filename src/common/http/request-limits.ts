import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { authenticateBeforeBody } from '../../auth/authenticate-before-body.js';
import type { Environment } from '../../config/environment.js';
import { refuseUrlEncodedForms, useBoundedJsonParser, type RouteBodyLimits } from './bounded-json.js';

/**
 * What bounds the work one request can cause before it is refused: credentials checked before the body
 * is read, JSON bodies refused for their shape before they are parsed, and form bodies not taken at all. Call before `app.init()`.
 */
export function limitRequests(app: NestFastifyApplication, environment: Environment, routes: readonly RouteBodyLimits[] = []): void {
  authenticateBeforeBody(app);
  useBoundedJsonParser(app, environment.BODY_LIMIT_BYTES, { entriesMax: environment.JSON_ENTRIES_MAX, depthMax: environment.JSON_DEPTH_MAX }, routes);
  refuseUrlEncodedForms(app, environment.BODY_LIMIT_BYTES);
}
