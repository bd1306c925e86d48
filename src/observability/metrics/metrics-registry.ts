import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * The registry `/metrics` serves: one per application instance (never prom-client's global one, so two
 * apps in one process, as in the tests, count apart). Code that measures something, such as the write
 * path's batch sizes and queue depth, injects this and registers its metrics on `registry`, named
 * `tally_<area>_<what>_<unit>`.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
}
