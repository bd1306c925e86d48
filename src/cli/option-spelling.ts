/**
 * Multi-word options are declared once, with underscores as the product spec writes them (`--file_path`), and
 * shown once in help; the dashed spelling (`--file-path`) is accepted by rewriting it before parsing. Only
 * tokens after the command name and before `--` are rewritten, and only into an option that command declares.
 */
export function acceptOtherSpelling(args: readonly string[], declaredOptions: (command: string) => readonly string[]): string[] {
  const commandIndex = args.findIndex((arg) => !arg.startsWith('-'));
  if (commandIndex < 0) return [...args];
  const declared = new Set(declaredOptions(args[commandIndex]));
  const end = args.indexOf('--', commandIndex);
  return args.map((arg, index) => (index > commandIndex && (end < 0 || index < end) ? respell(arg, declared) : arg));
}

function respell(arg: string, declared: ReadonlySet<string>): string {
  const match = /^--([^=]+)(=.*)?$/s.exec(arg);
  if (!match || declared.has(match[1])) return arg;
  const other = [match[1].replaceAll('-', '_'), match[1].replaceAll('_', '-')].find((name) => declared.has(name));
  return other ? `--${other}${match[2] ?? ''}` : arg;
}
