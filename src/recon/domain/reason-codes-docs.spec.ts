import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonCodes } from './reason-codes.js';

describe('the reason-code catalogue in docs/recon-matching.md', () => {
  it('lists every code of the catalogue', () => {
    const doc = readFileSync(join(process.cwd(), 'docs/recon-matching.md'), 'utf8');
    const listed = new Set([...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1]));
    expect(reasonCodes.filter((code) => !listed.has(code))).toEqual([]);
  });
});
