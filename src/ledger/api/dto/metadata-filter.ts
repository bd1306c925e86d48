import { registerDecorator } from 'class-validator';
import { metadataBytesMax } from '../../domain/limits.js';

export const metadataFilterKeysMax = 16;
const keyLengthMax = 256;

/**
 * `metadata.<key>=<value>` filters, grouped into one object by MetadataFilterInterceptor: 1 to 16 top-level
 * keys, each given once with a string value. Key names were already checked like every other key
 * (reserved prototype names, NUL, lone surrogates) by the global pipe.
 */
export function IsMetadataFilter() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetadataFilter',
      target: target.constructor,
      propertyName,
      options: {
        message: `must be 1-${metadataFilterKeysMax} metadata.<key>=<value> pairs, each key (1-${keyLengthMax} characters) given once with one string value`,
      },
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length >= 1 &&
            entries.length <= metadataFilterKeysMax &&
            entries.every(([key, text]) => key.length >= 1 && key.length <= keyLengthMax && typeof text === 'string' && Buffer.byteLength(text) <= metadataBytesMax)
          );
        },
      },
    });
}
