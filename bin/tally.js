#!/usr/bin/env node
// The package's `tally` command: runs the compiled CLI as it is. From a checkout, `npm run cli -- <command>`
// builds first when a source changed; this file never builds, so it starts as fast as the CLI can.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('tally: dist/ is missing; run `npm run build` (or `npm run cli -- <command>`, which builds when needed).');
  process.exit(1);
}
await import(cli.href);
