import { ValidateBy } from 'class-validator';
import { businessDateMessage, isBusinessDate } from '../../domain/business-date.js';

/** A real calendar day written YYYY-MM-DD, checked where the request enters (2025-02-30 is a 400, not a database error). */
export function IsBusinessDate(): PropertyDecorator {
  return ValidateBy({ name: 'isBusinessDate', validator: { validate: isBusinessDate, defaultMessage: () => businessDateMessage } });
}
