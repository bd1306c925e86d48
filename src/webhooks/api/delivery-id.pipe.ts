import type { PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../../common/errors/domain-error.js';

/** A delivery id in a path: a positive integer of at most 18 digits (a 64-bit id), refused before any SQL. */
export class DeliveryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) throw ValidationFailed.field('id', 'must be a delivery id: a positive integer');
    return value;
  }
}
