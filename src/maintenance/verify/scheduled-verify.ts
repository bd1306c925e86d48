import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment.js';
import { LedgerVerifier } from '../../ledger/audit/ledger-verifier.js';
import { logSafe } from '../../common/log-text.js';
import type { PeriodicJob } from '../periodic-job.js';

/** Findings kept with the run's result; the full list is what `tally verify` prints. */
const findingsKeptMax = 20;

/**
 * `verify` on a schedule (VERIFY_INTERVAL_SECONDS), by one replica: its result is stored with the run and exported
 * as metrics by every replica (MaintenanceMetrics); a run with findings is logged as an error.
 */
@Injectable()
export class ScheduledVerify implements PeriodicJob {
  readonly name = 'verify';
  readonly intervalSeconds: number;
  private readonly logger = new Logger('LedgerVerify');

  constructor(
    private readonly verifier: LedgerVerifier,
    config: ConfigService<Environment, true>,
  ) {
    this.intervalSeconds = config.get('VERIFY_INTERVAL_SECONDS', { infer: true });
  }

  async run(): Promise<{ ok: boolean; result: Record<string, unknown> }> {
    const report = await this.verifier.verify();
    const result = {
      events: report.events,
      accounts: report.accounts,
      transfers: report.transfers,
      head_hash: report.headHash,
      findings: report.findings.length,
      first_findings: report.findings.slice(0, findingsKeptMax).map((finding) => ({ kind: finding.kind, message: finding.message, position: finding.position ?? null })),
    };
    if (report.ok) this.logger.log(`ok: ${report.events} events, head ${report.headHash}`);
    else this.logger.error(logSafe(`FAILED: ${report.findings.length} finding(s); first: ${report.findings[0].kind}: ${report.findings[0].message}. Run tally verify for all of them.`));
    return { ok: report.ok, result };
  }
}
