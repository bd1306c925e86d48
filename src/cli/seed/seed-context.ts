import { createHash } from 'node:crypto';
import type { CommandContext } from '../../common/command-context.js';

/** Each seed step carries a fixed Idempotency-Key, so running a seed twice replays instead of posting twice. */
export function seedContext(key: string): CommandContext {
  return { actor: 'seed', idempotency: { scope: 'seed', key, fingerprint: createHash('sha256').update(key).digest('hex') } };
}
