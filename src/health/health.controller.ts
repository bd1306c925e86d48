import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SkipRateLimit } from '../common/http/rate-limit.guard.js';
import { Public } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { DatabaseUnavailable } from '../database/database-errors.js';

@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database reachability' })
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
}
