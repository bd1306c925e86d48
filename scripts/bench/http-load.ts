import autocannon from 'autocannon';

export interface LoadPlan {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** A fresh body for every request (random pairs, a new batch). */
  body: () => string;
}

export interface LoadMeasurement {
  /** 2xx responses a second over the measured window (the warm-up excluded). */
  successesPerSecond: number;
  /** Of 2xx responses only, so fast refusals cannot flatter the figure. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  successes: number;
  seconds: number;
  /** Everything that was not a 2xx: status code -> count, plus `errors` for connection errors and timeouts. */
  failures: Record<string, number>;
}

/** Keep-alive HTTP load with autocannon: `connections` clients, each sending its next request when the last one is answered. */
export async function runHttpLoad(plan: LoadPlan): Promise<LoadMeasurement> {
  const result = await autocannon({
    url: plan.baseUrl,
    connections: plan.connections,
    duration: plan.seconds,
    warmup: plan.warmupSeconds > 0 ? { connections: plan.connections, duration: plan.warmupSeconds } : undefined,
    excludeErrorStats: true,
    timeout: 30,
    requests: [{ method: 'POST', path: plan.path, headers: plan.headers, setupRequest: (request) => ({ ...request, body: plan.body() }) }],
  });
  const failures: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) if (!status.startsWith('2')) failures[status] = count;
  if (result.errors > 0) failures.errors = result.errors;
  return {
    successesPerSecond: result['2xx'] / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    successes: result['2xx'],
    seconds: result.duration,
    failures,
  };
}

/** "12 x 422, 3 x errors", or undefined when every request succeeded. */
export function describeFailures(failures: Record<string, number>): string | undefined {
  const parts = Object.entries(failures).map(([status, count]) => `${count} x ${status}`);
  return parts.length === 0 ? undefined : parts.join(', ');
}
