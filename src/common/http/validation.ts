import { ParseUUIDPipe, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationFailed, type ErrorDetail } from '../errors/domain-error.js';
import { assertSafeInput } from './safe-input.js';

/** Refuses unsafe keys and unstorable strings in bodies and query strings before class-validator sees them. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertSafeInput(value, metadata.type);
    return super.transform(value, metadata);
  }
}

const detailsShownMax = 10;

/**
 * DTO validation: unknown fields are refused, nothing is coerced implicitly, and every failure is a
 * 400 VALIDATION_FAILED whose details name the fields.
 */
export function validationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = errors.flatMap((error) => flatten(error));
      // Named up to a few: a body with a thousand unknown fields must not get a thousand-line answer.
      const shown = details.slice(0, detailsShownMax);
      const more = details.length > shown.length ? ` (and ${details.length - shown.length} more problems)` : '';
      return new ValidationFailed(`${shown.map((detail) => `${detail.field}: ${detail.message}`).join('; ')}${more}`, shown);
    },
  });
}

function flatten(error: ValidationError, prefix = ''): ErrorDetail[] {
  const field = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, `${field}.`))];
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => ValidationFailed.field(name, 'must be a UUID') });
}
