import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A JSON object of bounded size and depth: free-form client data is stored with every event, so it is
 * capped like everything else that reaches the log.
 */
export function IsMetadata(bytesMax: number, depthMax: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetadata',
      target: target.constructor,
      propertyName,
      options: { message: `must be a JSON object of at most ${bytesMax} bytes and ${depthMax} levels`, ...options },
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) && depthOf(value) <= depthMax && Buffer.byteLength(JSON.stringify(value)) <= bytesMax,
      },
    });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as Record<string, unknown>);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(depthOf)));
}
