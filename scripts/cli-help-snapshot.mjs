#!/usr/bin/env node
// Records nest-commander's own answers to `tally`, `--help`, `-h`, `help`, `--version`, `-V` and every command's
// `--help`/`-h` into dist/cli-help.json, so dist/src/cli.js prints them without loading the CLI framework (about
// half a second). Run by scripts/build-if-stale.mjs after each tsc build. The record names every file the help is
// made from (the static imports of dist/src/cli/run-cli.js, the CLI packages' manifests, package.json) with its
// size and modification time; if any changes without a new record, the CLI asks nest-commander again.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const { fileFingerprint, helpSnapshotUrl, invocationKey, liveHelpVariable } = await import(pathToFileURL(join(dist, 'src/cli/help-snapshot.js')).href);

function live(args) {
  const result = spawnSync(process.execPath, [join(dist, 'src/cli.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, [liveHelpVariable]: '1' } });
  if (result.error || result.status === null) throw new Error(`tally ${args.join(' ')} did not finish: ${result.error?.message ?? result.signal}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** dist/src/cli/run-cli.js and every compiled file it imports statically (the jobs are imported only when a command runs). */
function staticImportClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?\sfrom\s'(\.{1,2}\/[^']+)'/gm)) visit(resolve(dirname(file), specifier));
  };
  visit(entry);
  return [...seen];
}

/** The package.json of a package as `require` finds it from `from` (walking up from its entry: exports may hide it). */
function manifestOf(name, from) {
  for (let directory = dirname(from.resolve(name)); directory !== dirname(directory); directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    try {
      if (JSON.parse(readFileSync(manifest, 'utf8')).name === name) return manifest;
    } catch {
      // no package.json here: keep walking up
    }
  }
  throw new Error(`package.json of ${name} not found`);
}

const requireFromCli = createRequire(join(dist, 'src/cli/run-cli.js'));
const nestCommander = manifestOf('nest-commander', requireFromCli);
const manifests = [nestCommander, manifestOf('commander', createRequire(nestCommander))];
const sources = [join(dist, 'src/cli.js'), ...staticImportClosure(join(dist, 'src/cli/run-cli.js')), ...manifests, join(root, 'package.json')];

const top = live(['--help']);
if (top.code !== 0) throw new Error(`tally --help failed:\n${top.stderr}`);
// The command list as commander prints it: "  name [options]  description"; the built-in `help [command]` aside.
const commandsSection = top.stdout.split(/^Commands:$/m)[1] ?? '';
const commands = [...commandsSection.matchAll(/^ {2}(\S+)/gm)].map(([, name]) => name).filter((name) => name !== 'help');
if (commands.length === 0) throw new Error('no command found in tally --help');

const invocations = [[], ['--help'], ['-h'], ['help'], ['--version'], ['-V'], ...commands.flatMap((name) => [[name, '--help'], [name, '-h']])];
const answers = Object.fromEntries(invocations.map((args) => [invocationKey(args), args[0] === '--help' && args.length === 1 ? top : live(args)]));
const files = Object.fromEntries(sources.map((file) => relative(dist, file)).map((path) => [path, fileFingerprint(path)]));
writeFileSync(helpSnapshotUrl, `${JSON.stringify({ files, answers }, null, 2)}\n`);
