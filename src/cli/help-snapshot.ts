import { readFileSync, statSync } from 'node:fs';

/** What nest-commander printed and returned for one invocation, recorded at build time. */
export interface RecordedAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

/** dist/cli-help.json, written by scripts/cli-help-snapshot.mjs after each build. */
export interface HelpSnapshot {
  /** Size and modification time of every file the help depends on, relative to dist/: any change voids the record. */
  files: Record<string, string>;
  /** By the invocation's arguments joined with spaces ('' for none). */
  answers: Record<string, RecordedAnswer>;
}

/** Set to 1 to always ask nest-commander (how the record is made, and how the tests compare both). */
export const liveHelpVariable = 'TALLY_CLI_LIVE_HELP';

/** This file is dist/src/cli/help-snapshot.js once built; the record sits at the top of dist/. */
const distDirectory = new URL('../../', import.meta.url);
export const helpSnapshotUrl = new URL('cli-help.json', distDirectory);

const helpFlags = new Set(['--help', '-h']);
const topLevel = new Set(['--help', '-h', 'help', '--version', '-V']);

/** `tally`, `tally --help|-h|help|--version|-V` and `tally <command> --help|-h`: nothing else is recorded. */
export function isHelpInvocation(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  if (args.length === 1) return topLevel.has(args[0]);
  return args.length === 2 && !args[0].startsWith('-') && helpFlags.has(args[1]);
}

export function invocationKey(args: readonly string[]): string {
  return args.join(' ');
}

/** `size:mtime` of a file relative to dist/, or '' when it is missing. */
export function fileFingerprint(relativePath: string): string {
  const stats = statSync(new URL(relativePath, distDirectory), { throwIfNoEntry: false });
  return stats ? `${stats.size}:${stats.mtimeMs}` : '';
}

/** The recorded answer for these arguments, when there is one and every file it was made from is unchanged. */
export function recordedHelpAnswer(args: readonly string[]): RecordedAnswer | undefined {
  if (process.env[liveHelpVariable] === '1' || !isHelpInvocation(args)) return undefined;
  let snapshot: HelpSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(helpSnapshotUrl, 'utf8')) as HelpSnapshot;
  } catch {
    return undefined; // not built with the record (or from src/ in tests): nest-commander answers
  }
  const answer = snapshot.answers?.[invocationKey(args)];
  if (!answer) return undefined;
  for (const [path, fingerprint] of Object.entries(snapshot.files ?? {})) if (fileFingerprint(path) !== fingerprint) return undefined;
  return answer;
}
