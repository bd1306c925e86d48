import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../auth/principal.js';
import type { AdminActor } from '../admin-audit-log.js';

/**
 * Who does an admin action over HTTP, for the audit: the principal's name and the request id. With
 * authentication off there is no principal; the row then says so rather than naming someone.
 */
export const AdminActorOf = createParamDecorator((_: unknown, context: ExecutionContext): AdminActor => {
  const request = context.switchToHttp().getRequest<{ id: string } & AuthenticatedRequest>();
  return { actor: request.principal?.name ?? 'unauthenticated (AUTH_REQUIRED is off)', correlationId: request.id };
});
