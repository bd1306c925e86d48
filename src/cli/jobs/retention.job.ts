import { RetentionModule } from '../../maintenance/retention/retention.module.js';
import { RetentionSweeper } from '../../maintenance/retention/retention-sweeper.js';
import { ScheduledRuns } from '../../maintenance/scheduled-runs.js';
import { cliActor } from '../cli-actor.js';
import { withCommandContext } from '../command-context.js';
import { printTable } from '../print-table.js';

/**
 * `retention:sweep`: sweeps now and records the run as the schedule's (so the metrics show it, and the next
 * scheduled sweep is one interval from now).
 */
export async function sweepRetention(): Promise<void> {
  const report = await withCommandContext({ imports: [RetentionModule] }, async (context) => {
    const runs = context.get(ScheduledRuns);
    const holder = cliActor().actor;
    await runs.claim('retention', 0, holder);
    const swept = await context.get(RetentionSweeper).sweep();
    await runs.finish('retention', holder, true, { ...swept });
    return swept;
  });
  printTable(Object.entries(report).map(([target, removed]) => ({ target, removed })));
}
