/** A job that one replica runs every `intervalSeconds` (0: never on a schedule). */
export interface PeriodicJob {
  readonly name: string;
  readonly intervalSeconds: number;
  /** `ok` false records a run that found a problem (verify's findings); a thrown error records the error. */
  run(): Promise<{ ok: boolean; result: Record<string, unknown> }>;
}

export const PERIODIC_JOBS = Symbol('PERIODIC_JOBS');
