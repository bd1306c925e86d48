import { DomainError } from '../common/errors/domain-error.js';

/** 401: no credential, a malformed one, or one that is unknown, revoked, expired or badly signed. */
export class Unauthenticated extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', 'unauthenticated', message);
  }
}

/** 403: the credential is valid but lacks the route's scope (or the route declares none). */
export class Forbidden extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', 'forbidden', message);
  }
}
