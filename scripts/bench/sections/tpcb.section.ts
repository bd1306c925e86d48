import type { BenchSection } from '../bench-section.js';
import { measureTpcb } from '../pgbench.js';

/** Runs first, before the Tally server starts, so the ceiling is taken on a quiet server. */
export const tpcbSection: BenchSection = {
  name: 'tpcb',
  run: async (context) => [await measureTpcb(context.database, context.options.tpcbSeconds)],
};
