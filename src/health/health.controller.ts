import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { DatabaseUnavailable } from '../database/database-errors.js';
import { NotReady } from './not-ready.js';
import { DatabaseReadiness } from './readiness/database-readiness.js';
import { ReconReadiness } from './readiness/recon-readiness.js';

const startedAt = Date.now();

/** Probes: no credential, never rate limited (see common/http/rate-limit/address-rate-limit.ts). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthCheckService,
    private readonly database: DatabaseReadiness,
    private readonly recon: ReconReadiness,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database reachability (kept for existing checks; prefer /health/live and /health/ready)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['up'] } } }, example: { status: 'ok', database: 'up' } })
  @ApiErrors({ 503: 'DATABASE_UNAVAILABLE' })
  async check() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DatabaseUnavailable();
    }
    return { status: 'ok', database: 'up' };
  }

  /** The process answers. Touches nothing outside it, so a database outage never restarts the replicas. */
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (never fails because a dependency is down)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { process: { status: 'up', uptime_seconds: 42 } }, error: {}, details: {} } } })
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => ({ process: { status: 'up', uptime_seconds: Math.floor((Date.now() - startedAt) / 1000) } })]);
  }

  /** Whether this replica should get traffic. */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: database reachable, migrations applied, embedded server up when used, recon sources usable' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up', applied: 6 } }, error: {}, details: {} } } })
  @ApiErrors({ 503: 'NOT_READY' })
  async ready(): Promise<HealthCheckResult> {
    const embedded = this.database.embeddedServer();
    const checks: HealthIndicatorFunction[] = [
      () => this.database.reachable(),
      () => this.database.migrated(),
      ...(embedded ? [() => embedded] : []),
      () => this.recon.sourcesUsable(),
    ];
    try {
      return await this.health.check(checks);
    } catch (error) {
      // Terminus answers 503 with its result; Tally's errors keep one shape, the result's failures as details.
      if (error instanceof ServiceUnavailableException) throw new NotReady((error.getResponse() as HealthCheckResult).error ?? {});
      throw error;
    }
  }
}
