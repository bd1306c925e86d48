import { firstValueFrom, of, toArray } from 'rxjs';
import type { ReconSummary } from '../domain/recon-job.js';
import { ReconJobCompleted, ReconJobFailed } from '../events/recon-job-finished.event.js';
import type { ReconSettings } from '../recon-settings.js';
import { UnreconciledSaga } from './unreconciled.saga.js';

const summary = (unmatchedExternal: number, unmatchedInternal: number) => ({ unmatchedExternal, unmatchedInternal }) as ReconSummary;
const at = new Date('2025-07-14T02:00:00Z');

describe('UnreconciledSaga', () => {
  it('alerts on unmatched records and on failures, not on a clean day', async () => {
    const events = of(
      new ReconJobCompleted('clean', 'bank_csv', '2025-07-13', summary(0, 0), at),
      new ReconJobCompleted('gaps', 'bank_csv', '2025-07-13', summary(2, 1), at),
      new ReconJobFailed('broken', 'bank_csv', '2025-07-13', 'no file', at),
    );
    const commands = await firstValueFrom(new UnreconciledSaga({ unmatchedAlertThreshold: 0 } as ReconSettings).unreconciled(events).pipe(toArray()));
    expect(commands.map((command) => [command.jobId, command.detail])).toEqual([
      ['gaps', '2 external and 1 ledger records unmatched'],
      ['broken', 'job failed: no file'],
    ]);
  });

  it('alerts only above the threshold, both sides counted', async () => {
    const events = of(
      new ReconJobCompleted('at', 'bank_csv', '2025-07-13', summary(2, 1), at),
      new ReconJobCompleted('above', 'bank_csv', '2025-07-13', summary(3, 1), at),
    );
    const commands = await firstValueFrom(new UnreconciledSaga({ unmatchedAlertThreshold: 3 } as ReconSettings).unreconciled(events).pipe(toArray()));
    expect(commands.map((command) => command.jobId)).toEqual(['above']);
  });
});
