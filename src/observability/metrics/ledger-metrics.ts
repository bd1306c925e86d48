import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';
import { isoCurrencyCodes } from '../../ledger/domain/currency.js';

type Command = 'transfer' | 'create_account' | 'transfer_batch';

/** What one decided command did: replayed a stored response, posted transfers, or had transfers refused. */
export interface DecidedEntry {
  command: Command;
  replayed: boolean;
  posted: readonly { currency: string }[];
  refused: readonly { currency: string; code: string }[];
}

/**
 * What the ledger's write side counts: transfers posted and refused, responses replayed for a repeated
 * Idempotency-Key, and how the group commit behaves (batch sizes, durations, retries, splits, queue depth).
 */
@Injectable()
export class LedgerMetrics {
  private readonly posted: Counter<'currency'>;
  private readonly refused: Counter<'currency' | 'code'>;
  private readonly replays: Counter<'command'>;
  private readonly batchEntries: Histogram;
  private readonly batchSeconds: Histogram;
  private readonly phases: Histogram<'phase'>;
  private readonly retries: Counter<'sqlstate'>;
  private readonly splits: Counter;
  private readonly registry: MetricsRegistry['registry'];

  constructor({ registry }: MetricsRegistry) {
    this.registry = registry;
    this.posted = new Counter({ name: 'tally_transfers_posted_total', help: 'Transfers committed, by currency', labelNames: ['currency'], registers: [registry] });
    this.refused = new Counter({ name: 'tally_transfers_refused_total', help: 'Transfers refused by a rule, by currency and error code', labelNames: ['currency', 'code'], registers: [registry] });
    this.replays = new Counter({ name: 'tally_idempotent_replays_total', help: 'Requests answered with the stored response of their Idempotency-Key, by command', labelNames: ['command'], registers: [registry] });
    this.batchEntries = new Histogram({
      name: 'tally_write_batch_entries',
      help: 'Commands written together by one group commit (one transaction)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'tally_write_batch_seconds',
      help: 'Time to write one group-commit batch: read, decide, append and commit',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    this.phases = new Histogram({
      name: 'tally_write_phase_seconds',
      help: 'Time of each phase of a group-commit batch: read (round trip 1), decide (Node), append (round trip 2, including the commit)',
      labelNames: ['phase'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    this.retries = new Counter({ name: 'tally_write_batch_retries_total', help: 'Batches written again after a serialization failure, deadlock or key race', labelNames: ['sqlstate'], registers: [registry] });
    this.splits = new Counter({ name: 'tally_write_batch_splits_total', help: 'Batches split in halves to isolate an entry the database refused', registers: [registry] });
  }

  /** The queue's depth is read when /metrics is scraped. */
  observeQueue(depth: () => number): void {
    new Gauge({ name: 'tally_write_queue_entries', help: 'Commands not answered yet: waiting for a group commit or inside one being written', registers: [this.registry], collect: function () { this.set(depth()); } });
  }

  batchWritten(entries: number, seconds: number): void {
    this.batchEntries.observe(entries);
    this.batchSeconds.observe(seconds);
  }

  phase(phase: 'read' | 'decide' | 'append', seconds: number): void {
    this.phases.observe({ phase }, seconds);
  }

  batchRetried(sqlstate: string): void {
    this.retries.inc({ sqlstate });
  }

  batchSplit(): void {
    this.splits.inc();
  }

  decided(entries: readonly DecidedEntry[]): void {
    for (const { command, replayed, posted, refused } of entries) {
      if (replayed) this.replays.inc({ command });
      for (const { currency } of posted) this.posted.inc({ currency });
      for (const { currency, code } of refused) this.transferRefused(currency, code);
    }
  }

  private transferRefused(currency: string, code: string): void {
    // The currency comes from the request: unknown codes share one series, so a client cannot mint thousands.
    this.refused.inc({ currency: isoCurrencyCodes.includes(currency) ? currency : 'other', code });
  }
}
