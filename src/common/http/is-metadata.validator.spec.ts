import { validateSync } from 'class-validator';
import { IsMetadata } from './is-metadata.validator.js';

class Holder {
  @IsMetadata(8_192, 5)
  metadata: unknown;
}

const check = (metadata: unknown) => {
  const holder = new Holder();
  holder.metadata = metadata;
  return validateSync(holder).length === 0;
};

describe('IsMetadata', () => {
  it('accepts a small object and refuses arrays, scalars, deep nesting and big objects', () => {
    expect(check({ name: 'John Doe', tags: ['a'] })).toBe(true);
    expect(check([])).toBe(false);
    expect(check('x')).toBe(false);
    expect(check({ a: { b: { c: { d: { e: { f: 1 } } } } } })).toBe(false);
    expect(check({ blob: 'x'.repeat(9_000) })).toBe(false);
  });

  it('refuses an object with 300,000 keys quickly, without overflowing the stack', () => {
    const wide = Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i]));
    expect(check(wide)).toBe(false);
  });
});
