import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ValidationFailed } from '../../common/errors/domain-error.js';

/**
 * A `file_path` from an HTTP client, confined to the inbox directory: relative paths are taken from the
 * inbox, `..` segments are refused outright, and symbolic links must not lead outside it either.
 */
export function resolveInboxPath(inboxDir: string, filePath: string): string {
  if (filePath.includes('\0') || filePath.split(/[\\/]/).includes('..')) throw ValidationFailed.field('file_path', 'must not contain ".."');
  const candidate = resolve(inboxDir, filePath);
  const real = existsSync(candidate) ? realpathSync(candidate) : candidate;
  const inbox = existsSync(inboxDir) ? realpathSync(inboxDir) : inboxDir;
  const inside = relative(inbox, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw ValidationFailed.field('file_path', 'must be a file inside RECON_INBOX_DIR');
  }
  return real;
}
