import { readAuditLog, readerSettings } from './audit-log-reader.js';
import { ChainFindings, checkBlocks, readGenesis } from './block-chain-check.js';
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
 * an honest log look wrong): PostgreSQL recomputes each event's hash as it sends the event, in chunks read side by
 * side on several connections; Node folds balances, versions, floors and double entry from what it receives; then
 * the blocks and the head are checked in SQL and the balance projection is compared with the fold. Plain class, no
 * Nest or TypeORM: the CLI builds it over `pg` connections, the server's LedgerReplayModule over connections of its pool.
 */
export class LedgerVerifier {
  constructor(private readonly snapshot: ReadSnapshot) {}

  verify(): Promise<VerificationReport> {
    return this.snapshot.read(async (tx) => {
      for (const reader of tx.readers) await reader.query(readerSettings);
      const genesis = await readGenesis(tx);
      // The blocks are checked in SQL on the first connection while the others read the log for the fold, which is
      // bound by Node's one thread: the block check then costs little more than the time PostgreSQL had spare.
      const chain = new ChainFindings();
      const blocksChecked = checkBlocks(tx, chain, genesis);
      blocksChecked.catch(() => undefined);
      const audit = new LedgerAudit();
      await readAuditLog(tx.readers.length > 1 ? tx.readers.slice(1) : tx.readers, genesis?.lastPosition ?? '0', (row) => audit.next(row));
      audit.finish();
      await blocksChecked;
      for (const { kind, message } of chain.findings) audit.report(kind, message);
      audit.headHash = chain.headHash;
      await compareProjection(tx, audit);
      return { ok: audit.findings.length === 0, events: audit.events, accounts: audit.accounts.size, transfers: audit.transfers, headHash: audit.headHash, findings: audit.findings };
    });
  }
}
