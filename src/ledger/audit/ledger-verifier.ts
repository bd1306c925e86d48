import { parallelScanSettings, readAuditLog } from './audit-log-reader.js';
import { checkBlocks, readGenesis } from './block-chain-check.js';
import { LedgerAudit, type Finding } from './ledger-audit.js';
import { compareProjection } from './projection-check.js';
import type { ReadSnapshot } from './read-snapshot.js';

export interface VerificationReport {
  ok: boolean;
  events: number;
  accounts: number;
  transfers: number;
  /** Publish or store this elsewhere: it pins the whole log up to `events`. */
  headHash: string;
  findings: Finding[];
}

/**
 * `verify`: reads the whole log once, in position order, in one read-only snapshot (so concurrent writes cannot make
 * an honest log look wrong): PostgreSQL recomputes each event's hash as it sends the event, Node folds balances,
 * versions, floors and double entry from what it receives; then the blocks and the head are checked in SQL and the
 * balance projection is compared with the fold. Plain class, no Nest or TypeORM: the CLI builds it over a `pg`
 * connection, the server's LedgerReplayModule over a connection of its pool.
 */
export class LedgerVerifier {
  constructor(private readonly snapshot: ReadSnapshot) {}

  verify(): Promise<VerificationReport> {
    return this.snapshot.read(async (tx) => {
      await tx.query(parallelScanSettings);
      const genesis = await readGenesis(tx);
      const audit = new LedgerAudit();
      await readAuditLog(tx, genesis?.lastPosition ?? '0', (row) => audit.next(row));
      audit.finish();
      await checkBlocks(tx, audit, genesis);
      await compareProjection(tx, audit);
      return { ok: audit.findings.length === 0, events: audit.events, accounts: audit.accounts.size, transfers: audit.transfers, headHash: audit.headHash, findings: audit.findings };
    });
  }
}
