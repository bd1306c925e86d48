import { Module } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { ScheduledRuns } from '../scheduled-runs.js';
import { RetentionSettings } from './retention-settings.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { TableRetention } from './table-retention.js';
import { UploadRetention } from './upload-retention.js';

/** The sweep itself, without a schedule: the server's MaintenanceModule schedules it, `tally retention:sweep` runs it now. */
@Module({
  providers: [Clock, RetentionSettings, UploadRetention, TableRetention, RetentionSweeper, ScheduledRuns],
  exports: [RetentionSettings, RetentionSweeper, ScheduledRuns],
})
export class RetentionModule {}
