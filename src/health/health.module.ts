import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ReconModule } from '../recon/recon.module.js';
import { HealthController } from './health.controller.js';
import { DatabaseReadiness } from './readiness/database-readiness.js';
import { ReconReadiness } from './readiness/recon-readiness.js';

/** /health (as before), /health/live and /health/ready, with @nestjs/terminus. */
@Module({
  // Terminus' own error log would repeat every failing probe; the 503 and its details say it all.
  imports: [TerminusModule.forRoot({ logger: false }), ReconModule],
  controllers: [HealthController],
  providers: [DatabaseReadiness, ReconReadiness],
})
export class HealthModule {}
