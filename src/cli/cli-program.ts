import { Injectable } from '@nestjs/common';
import { type CommandRunner, InjectCommander } from 'nest-commander';
import { acceptOtherSpelling } from './option-spelling.js';

/** commander's program, as nest-commander builds it from the @Command classes. */
type Program = Parameters<CommandRunner['setCommand']>[0];

/** commander's width when the output is not a terminal. */
const helpWidth = 80;

/** The program is `tally` however it was started (`node dist/src/cli.js` would otherwise call itself `cli`). */
@Injectable()
export class CliProgram {
  constructor(@InjectCommander() private readonly program: Program) {
    program.name('tally');
  }

  /**
   * Help is 80 columns wide, as commander makes it in a pipe, also on a terminal: so the help recorded at build
   * time (dist/cli-help.json, what src/cli.ts prints) is exactly what this program would print.
   */
  fixHelpWidth(): void {
    for (const command of [this.program, ...this.program.commands]) command.configureOutput({ getOutHelpWidth: () => helpWidth, getErrHelpWidth: () => helpWidth });
  }

  /** `process.argv` with each option in the spelling its command declares. */
  argv(raw: readonly string[]): string[] {
    return [...raw.slice(0, 2), ...acceptOtherSpelling(raw.slice(2), (name) => this.longOptionsOf(name))];
  }

  private longOptionsOf(commandName: string): string[] {
    const command = this.program.commands.find((candidate) => candidate.name() === commandName || candidate.aliases().includes(commandName));
    return (command?.options ?? []).flatMap((option) => (option.long ? [option.long.replace(/^--/, '')] : []));
  }
}
