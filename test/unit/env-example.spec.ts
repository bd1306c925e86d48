import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'class-validator';
import { Environment, validateEnvironment } from '../../src/config/environment.js';

/** .env.example documents every variable the app reads, and its values are valid as written. */
describe('.env.example', () => {
  const text = readFileSync('.env.example', 'utf8');
  const mentioned = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
  const assigned = Object.fromEntries([...text.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]));

  it('names every Environment variable', () => {
    // Every validated property of Environment, optional ones included.
    const known = new Set(getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false).map((metadata) => metadata.propertyName));
    expect(known.size).toBeGreaterThan(20);
    expect([...known].filter((name) => !mentioned.has(name))).toEqual([]);
  });

  it('holds only values the validation accepts', () => {
    expect(() => validateEnvironment(assigned)).not.toThrow();
  });
});
