import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { MetricsRegistry } from './metrics-registry.js';

@ApiTags('metrics')
@RequireScope('admin')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @HttpCode(200)
  // prom-client's contentType for the Prometheus text format 0.0.4.
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Metrics in the Prometheus text format (scope admin when authentication is on); the list is in the README' })
  // The scrape is text; its refusals (401, 403) are JSON like every other error, so the media type is set here only.
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string', example: 'tally_transfers_posted_total{currency="USD"} 42' } } } })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
