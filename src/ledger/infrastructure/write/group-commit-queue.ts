import { DomainError } from '../../../common/errors/domain-error.js';

/** Limits of the group commit; see LedgerSettings for where they come from. */
export interface GroupCommitLimits {
  /** Entries per batch (an entry is one command; a batch request of many transfers is one entry). */
  readonly batchEntriesMax: number;
  /** Transfers per batch: a batch request counts with all its items, so one batch never grows unbounded. */
  readonly batchItemsMax: number;
  /** How long the first entry of a batch may wait for company before the batch leaves anyway. */
  readonly batchWaitMicroseconds: number;
  /** Entries waiting beyond this are refused at once with OVERLOADED, rather than queued into a timeout. */
  readonly queueEntriesMax: number;
  /** Batches written at the same time (each on its own connection). */
  readonly lanes: number;
}

export class Overloaded extends DomainError {
  constructor(reason: string) {
    super('OVERLOADED', 'unavailable', `The ledger is not taking more writes right now (${reason}); nothing was applied. Retry after a second.`);
  }
}

interface Waiting<Entry, Result> {
  entry: Entry;
  items: number;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/** What a batch writer answers: one settlement per entry, in the order given. */
export type Settlement<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * Group commit: concurrent commands wait here and leave together as one batch, one transaction, so the
 * commit's disk flush and the chain's lock are paid once per batch instead of once per command. A batch leaves
 * as soon as a lane is free and either it is full or its oldest entry has waited `batchWaitMicroseconds`;
 * under load the lanes are busy, the queue fills while they write, and batches grow by themselves.
 */
export class GroupCommitQueue<Entry, Result> {
  private readonly waiting: Waiting<Entry, Result>[] = [];
  private busyLanes = 0;
  private entriesBeingWritten = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly limits: GroupCommitLimits,
    private readonly writeBatch: (entries: Entry[]) => Promise<Settlement<Result>[]>,
    private readonly sizeOf: (entry: Entry) => number = () => 1,
  ) {}

  /** Entries not answered yet: waiting for a batch, or inside one being written. */
  get depth(): number {
    return this.waiting.length + this.entriesBeingWritten;
  }

  submit(entry: Entry): Promise<Result> {
    if (this.closed) return Promise.reject(new Overloaded('shutting down'));
    if (this.waiting.length >= this.limits.queueEntriesMax) return Promise.reject(new Overloaded('write queue full'));
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ entry, items: this.sizeOf(entry), resolve, reject });
      this.schedule();
    });
  }

  /** Refuses new entries and resolves once every queued and running batch has finished (SIGTERM). */
  async drain(): Promise<void> {
    this.closed = true;
    if (this.waiting.length === 0 && this.busyLanes === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.busyLanes >= this.limits.lanes || this.waiting.length === 0) return;
    if (this.isFull() || this.limits.batchWaitMicroseconds === 0) return this.launch();
    // A lane is free but the batch is small: give others the wait window to join it, once.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.launch();
    }, this.limits.batchWaitMicroseconds / 1000);
  }

  private isFull(): boolean {
    let items = 0;
    for (let i = 0; i < this.waiting.length && i < this.limits.batchEntriesMax; i++) items += this.waiting[i].items;
    return this.waiting.length >= this.limits.batchEntriesMax || items >= this.limits.batchItemsMax;
  }

  private launch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.busyLanes >= this.limits.lanes || this.waiting.length === 0) return;
    const batch = this.take();
    this.busyLanes++;
    this.entriesBeingWritten += batch.length;
    void this.run(batch).finally(() => {
      this.busyLanes--;
      this.entriesBeingWritten -= batch.length;
      if (this.waiting.length > 0) this.schedule();
      else if (this.busyLanes === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
    // Another lane may take the rest right away.
    if (this.waiting.length > 0) this.schedule();
  }

  /** The oldest entries up to the limits; one entry larger than the item limit still goes, alone. */
  private take(): Waiting<Entry, Result>[] {
    let count = 0;
    let items = 0;
    while (count < this.waiting.length && count < this.limits.batchEntriesMax) {
      const next = this.waiting[count].items;
      if (count > 0 && items + next > this.limits.batchItemsMax) break;
      items += next;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async run(batch: Waiting<Entry, Result>[]): Promise<void> {
    let settlements: Settlement<Result>[];
    try {
      settlements = await this.writeBatch(batch.map((waiting) => waiting.entry));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const settlement = settlements[i];
      if (settlement?.ok) waiting.resolve(settlement.value);
      else waiting.reject(settlement ? settlement.error : new Error('Batch writer returned no settlement for an entry'));
    });
  }
}
