/**
 * What kind of failure an error is. The HTTP layer maps each kind to one status code, so domain code
 * never speaks HTTP and every error with the same kind answers the same way.
 */
export type ErrorKind =
  | 'validation' // 400: the request itself is malformed
  | 'unauthenticated' // 401: no credential, or one Tally does not accept
  | 'forbidden' // 403: a valid credential without the scope the route needs
  | 'not_found' // 404
  | 'conflict' // 409: the request collides with an earlier one
  | 'too_large' // 413
  | 'too_many_requests' // 429
  | 'rule_violation' // 422: well formed, but a business rule refuses it
  | 'unavailable'; // 503: a dependency failed; retrying later may work

export interface ErrorDetail {
  field?: string;
  message: string;
}

/**
 * A fuller message for callers allowed to read what it reveals (an account's balance or currency, under
 * the scope named); every other caller gets the error's plain `message`, which tells only the rule.
 */
export interface Disclosure {
  readonly scope: string;
  readonly message: string;
}

/** An expected failure with a stable machine-readable code (e.g. `INSUFFICIENT_FUNDS`). */
export class DomainError extends Error {
  /** Set by errors whose full explanation would reveal data the route's own scope does not cover. */
  readonly disclosure?: Disclosure;

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, details?: ErrorDetail[]) {
    super('VALIDATION_FAILED', 'validation', message, details);
  }

  static field(field: string, message: string): ValidationFailed {
    return new ValidationFailed(`${field}: ${message}`, [{ field, message }]);
  }
}
