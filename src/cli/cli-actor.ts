import { userInfo } from 'node:os';
import type { AdminActor } from '../admin-audit/admin-audit-log.js';

/** The CLI has no principal: its admin actions are recorded as the operating-system user who ran it. */
export function cliActor(): AdminActor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return { actor: `cli:${user}` };
}
