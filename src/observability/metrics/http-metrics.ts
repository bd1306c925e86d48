import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import type { MetricsRegistry } from './metrics-registry.js';

/** Request durations by route pattern (never the raw path, whose ids would make one series per account) and status. */
export function installHttpMetrics(fastify: FastifyInstance, { registry }: MetricsRegistry): void {
  const duration = new Histogram({
    name: 'tally_http_request_duration_seconds',
    help: 'HTTP request duration from arrival to the response sent, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
