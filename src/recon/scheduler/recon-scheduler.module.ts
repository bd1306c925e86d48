import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Clock } from '../../common/clock.js';
import { ReconModule } from '../recon.module.js';
import { ReconScheduler } from './recon-scheduler.js';

/** The daily schedule, only in the server: the CLI runs jobs on demand and never starts a cron. */
@Module({
  imports: [ScheduleModule.forRoot(), ReconModule],
  providers: [Clock, ReconScheduler],
  exports: [ReconScheduler],
})
export class ReconSchedulerModule {}
