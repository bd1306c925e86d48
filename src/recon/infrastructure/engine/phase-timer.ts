/** Milliseconds per phase of a job, for one log line at its end: where a slow job spends its time. */
export class PhaseTimer {
  private readonly phases: [string, number][] = [];
  private readonly started = performance.now();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.phases.push([phase, Math.round(performance.now() - start)]);
    }
  }

  /** "1234 ms (stage 800, ledger 120, ...)". */
  describe(): string {
    return `${Math.round(performance.now() - this.started)} ms (${this.phases.map(([phase, ms]) => `${phase} ${ms}`).join(', ')})`;
  }
}
