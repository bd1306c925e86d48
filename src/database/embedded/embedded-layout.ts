import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, linkSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isRoot, postgresUser, reachableBy, type OsUser } from './os-user.js';

/**
 * Where the embedded PostgreSQL's binaries and data live, and which OS user runs it.
 *
 * A normal user runs the binaries from the npm package and keeps the data where configured
 * (`.data/postgres` in the checkout). Root cannot: PostgreSQL refuses to run as root, so the server runs as the
 * `postgres` user, who cannot enter a checkout inside a private directory (root's home, `mktemp -d`, both mode
 * 700). Root therefore runs a hard-linked copy of the binaries and keeps the data under
 * {@link rootRuntimeDir}, in a folder named after the configured data directory's absolute path, so every
 * process of one checkout (the server, the CLI, the tests) finds the same server.
 */
export interface EmbeddedLayout {
  binDir: string;
  dataDir: string;
  /** The user the server runs as; undefined means this process's own user. */
  runAs?: OsUser;
  /** For the start-up log: why the data is where it is. */
  note: string;
}

/** Survives reboots (unlike /tmp) and is reachable by every user; our folder inside it is root's alone. */
export const rootRuntimeDir = '/var/tmp/tally-embedded';

export function embeddedLayout(configuredDataDir: string, packageBinDir: string, packageVersion: string): EmbeddedLayout {
  const requested = resolve(configuredDataDir);
  if (!isRoot()) return { binDir: packageBinDir, dataDir: requested, note: 'data in place' };
  const runAs = postgresUser();
  const binDir = reachableBy(runAs, join(packageBinDir, 'postgres'), 5) ? packageBinDir : linkedBinaries(packageBinDir, packageVersion);
  // A cluster that already works where it was configured (a checkout in /tmp, say) stays there.
  if (existsSync(join(requested, 'PG_VERSION')) && reachableBy(runAs, requested, 7)) {
    return { binDir, dataDir: requested, runAs, note: 'existing data directory used in place' };
  }
  const dataDir = join(ownedRuntimeDir(), 'data', `${basename(requested)}-${shortHash(requested)}`);
  return { binDir, dataDir, runAs, note: `root: ${requested} is not reachable by the postgres user, so the data lives here` };
}

/** A copy of the package's `native` folder made of hard links (a plain copy across filesystems), rebuilt on a version change. */
function linkedBinaries(packageBinDir: string, packageVersion: string): string {
  const nativeDir = dirname(packageBinDir);
  const target = join(ownedRuntimeDir(), 'bin', `${packageVersion}-${shortHash(nativeDir)}`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  chmodSync(dirname(target), 0o755);
  const marker = join(target, 'VERSION');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === packageVersion) return join(target, 'native', 'bin');
  // Built aside and renamed into place, so a concurrent process never runs a half-made copy.
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o755 });
  chmodSync(staging, 0o755);
  linkTree(nativeDir, join(staging, 'native'));
  writeFileSync(join(staging, 'VERSION'), packageVersion);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another process won the race with the same copy.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(marker)) throw error;
  }
  return join(target, 'native', 'bin');
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), destination);
    else if (entry.isDirectory()) linkTree(source, destination);
    else {
      try {
        linkSync(source, destination);
      } catch {
        copyFileSync(source, destination);
      }
    }
  }
}

/** Root's folder under /var/tmp; refused when someone else made it first (it would let them swap our binaries). */
function ownedRuntimeDir(): string {
  mkdirSync(rootRuntimeDir, { recursive: true, mode: 0o755 });
  const stat = lstatSync(rootRuntimeDir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${rootRuntimeDir} must be a directory owned by root and writable only by root; remove it`);
  }
  // A umask such as 077 would leave it closed to the postgres user.
  chmodSync(rootRuntimeDir, 0o755);
  return rootRuntimeDir;
}

/** Creates the data directory for the server's user with the 0700 mode PostgreSQL insists on. */
export function prepareDataDir(layout: EmbeddedLayout): void {
  mkdirSync(dirname(layout.dataDir), { recursive: true, mode: 0o755 });
  if (layout.runAs) chmodSync(dirname(layout.dataDir), 0o755);
  mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  if (layout.runAs) chownSync(layout.dataDir, layout.runAs.uid, layout.runAs.gid);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
