import type { BenchRow } from '../bench-result.js';
import type { BenchSection } from '../bench-section.js';
import { measureCliStartup } from '../cli-startup.js';

/** Whole-process start-up of the two commands a newcomer runs first; first in the run, while the server is quiet. */
export const cliStartupSection: BenchSection = {
  name: 'cli-startup',
  run: async (context) => {
    const startup = await measureCliStartup(context.database.serverUrl);
    const row = (key: string, label: string, timing: { medianMs: number; minMs: number }): BenchRow => ({
      key,
      label,
      status: 'measured',
      unit: 'ms',
      latencyP50Ms: timing.medianMs,
      note: `whole process, median of ${startup.runs} runs (min ${timing.minMs.toFixed(0)} ms)`,
    });
    return [row('cli-help', 'tally --help', startup.help), row('cli-verify', 'tally verify on the seed data', startup.verify)];
  },
};
