import { readFileSync } from 'node:fs';

/** The version in Tally's package.json, found by walking up from this file (it runs from src/ in tests, dist/src/ otherwise). */
export function packageVersion(): string {
  for (let directory = new URL('.', import.meta.url); ; directory = new URL('..', directory)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', directory), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'tally' && manifest.version) return manifest.version;
    } catch {
      // no package.json here: keep walking up
    }
    if (directory.pathname === '/') throw new Error('package.json of tally not found above the CLI');
  }
}
