#!/usr/bin/env node
// Builds dist/ (tsc, then the CLI's recorded help: scripts/cli-help-snapshot.mjs) only when a build input changed
// since the last successful build; `--always` builds anyway (what `npm run build` and `npm test` do). tsc's own
// incremental mode still took 4-10 s to find nothing to do on the development VM; this check stats about 260 files
// and directories, 30-90 ms under heavy load.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
/** Written after a successful build, dated when that build started: an edit made during the build is not missed. */
const stamp = join(root, 'dist', '.build-stamp');
const inputDirectories = ['src', 'migrations', 'scripts'];
const inputFiles = ['package.json', 'package-lock.json', ...readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name))];

/** The newest modification time under the inputs; directories count too, so a deleted or renamed file is seen. */
function newestInputMtime() {
  let newest = 0;
  const visit = (path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const name of [...inputDirectories, ...inputFiles]) visit(join(root, name));
  return newest;
}

function isStale() {
  const built = statSync(stamp, { throwIfNoEntry: false });
  return !built || newestInputMtime() > built.mtimeMs;
}

function build() {
  const startedAt = new Date();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Help and version as nest-commander prints them, for dist/src/cli.js to answer without loading it.
  const snapshot = spawnSync(process.execPath, [join(root, 'scripts', 'cli-help-snapshot.mjs')], { cwd: root, stdio: 'inherit' });
  if (snapshot.status !== 0) process.exit(snapshot.status ?? 1);
  closeSync(openSync(stamp, 'w'));
  utimesSync(stamp, startedAt, startedAt);
}

if (process.argv.includes('--always') || isStale()) build();
