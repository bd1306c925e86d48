import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reachableBy, type OsUser } from './os-user.js';

describe('reachableBy', () => {
  // A user that owns nothing here, so only the "others" bits count.
  const stranger: OsUser = { name: 'stranger', uid: 424242, gid: 424242 };
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'reach-'));
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'open'), { mode: 0o755 });
    writeFileSync(join(root, 'open', 'tool'), '', { mode: 0o755 });
    mkdirSync(join(root, 'private'), { mode: 0o700 });
    chmodSync(join(root, 'private'), 0o700);
    mkdirSync(join(root, 'private', 'inner'), { mode: 0o755 });
    writeFileSync(join(root, 'private', 'inner', 'tool'), '', { mode: 0o755 });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('allows a path whose every parent others may search', () => {
    expect(reachableBy(stranger, join(root, 'open', 'tool'), 5)).toBe(true);
  });

  it('refuses a path below a mode-700 directory, however open the path itself is', () => {
    expect(reachableBy(stranger, join(root, 'private', 'inner', 'tool'), 5)).toBe(false);
  });

  it('refuses an access the mode does not grant', () => {
    expect(reachableBy(stranger, join(root, 'open', 'tool'), 2)).toBe(false);
  });

  it('answers no for a path that does not exist', () => {
    expect(reachableBy(stranger, join(root, 'missing', 'tool'), 4)).toBe(false);
  });
});
