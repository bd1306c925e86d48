import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';

/** The account a process runs as; PostgreSQL refuses to run as root, so root runs it as `postgres`. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The `postgres` account, created (as a system user without a home) when it does not exist yet. */
export function postgresUser(): OsUser {
  const found = lookUp('postgres');
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  } catch {
    throw new Error('there is no "postgres" OS user to run PostgreSQL as (root may not), and useradd could not create one');
  }
  const created = lookUp('postgres');
  if (!created) throw new Error('useradd reported success but no "postgres" OS user exists');
  return created;
}

function lookUp(name: string): OsUser | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/**
 * Whether `user` could open `path` for the given access: every directory above it must let the user search
 * it (x), and the path itself must grant `mode` (bit mask of r=4, w=2, x=1) to the user, its group or others.
 * Supplementary groups are ignored, so the answer errs on "no".
 */
export function reachableBy(user: OsUser, path: string, mode: number): boolean {
  try {
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      if (!grants(user, directory, 1)) return false;
      if (directory === parse(directory).root) break;
    }
    return grants(user, path, mode);
  } catch {
    return false;
  }
}

function grants(user: OsUser, path: string, mode: number): boolean {
  const stat = statSync(path);
  if (stat.uid === user.uid) return ((stat.mode >> 6) & mode) === mode;
  if (stat.gid === user.gid) return ((stat.mode >> 3) & mode) === mode;
  return (stat.mode & mode) === mode;
}
