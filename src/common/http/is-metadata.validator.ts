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
          // Size first: it bounds the work of measuring the depth.
          isPlainObject(value) && Buffer.byteLength(JSON.stringify(value)) <= bytesMax && depthOf(value) <= depthMax,
      },
    });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as Record<string, unknown>);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, depthOf(child));
  return 1 + deepest;
}
