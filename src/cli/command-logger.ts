import { ConsoleLogger } from '@nestjs/common';

/**
 * A command's logger: errors and warnings as before, plus the informational lines of the contexts named, on
 * stderr so stdout keeps only what the command prints (a summary a script may parse). `run-recon` names the
 * runner's context: its "completed in ... ms (stage ..., ledger ..., ...)" line is where an operator, or the
 * bench, sees which phase a slow job spent its time in. Other contexts' lines (Nest's module loading) stay out.
 */
export class CommandLogger extends ConsoleLogger {
  constructor(private readonly informationalContexts: readonly string[]) {
    super();
    this.setLogLevels(['error', 'warn', 'log']);
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && this.informationalContexts.includes(context)) this.printMessages([message], context, 'log', 'stderr');
  }
}
