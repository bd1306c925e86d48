import 'reflect-metadata';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliProgram } from './cli-program.js';
import { CliModule } from './cli.module.js';
import { packageVersion } from './package-version.js';

/** `tally <command>` through nest-commander (src/cli.ts answers help and version without it when it can). */
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
    const program = cli.get(CliProgram);
    program.fixHelpWidth();
    await cli.get(CommandRunnerService).run(program.argv(process.argv));
  } finally {
    await cli.close();
  }
}
