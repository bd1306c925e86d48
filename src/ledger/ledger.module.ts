import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AccountController } from './api/account.controller.js';
import { AdminController } from './api/admin.controller.js';
import { EventController } from './api/event.controller.js';
import { TransferController } from './api/transfer.controller.js';
import { TransferBatchController } from './api/transfer-batch.controller.js';
import { CreateAccountHandler } from './commands/create-account/create-account.handler.js';
import { TransferHandler } from './commands/transfer/transfer.handler.js';
import { LedgerReader } from './infrastructure/ledger-reader.js';
import { LedgerWriter } from './infrastructure/write/ledger-writer.js';
import { TransferBatchHandler } from './commands/transfer-batch/transfer-batch.handler.js';
import { LedgerReplayModule } from './ledger-replay.module.js';
import { LedgerSettings } from './ledger-settings.js';
import { ledgerQueryHandlers } from './queries/index.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';

@Module({
  imports: [LedgerReplayModule, MetricsModule],
  controllers: [AccountController, TransferController, TransferBatchController, EventController, AdminController],
  providers: [
    Clock,
    LedgerSettings,
    LedgerWriter,
    LedgerReader,
    CreateAccountHandler,
    TransferHandler,
    TransferBatchHandler,
    ...ledgerQueryHandlers,
  ],
  exports: [LedgerSettings, LedgerReader, LedgerReplayModule],
})
export class LedgerModule {}
