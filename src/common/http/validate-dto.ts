import type { ValidationPipe } from '@nestjs/common';
import { validationPipe } from './validation.js';

const pipe: ValidationPipe = validationPipe();

/** The global pipe's rules, for bodies that do not arrive through @Body() (multipart fields). */
export async function validateDto<T extends object>(type: new () => T, plain: unknown): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: type })) as T;
}
