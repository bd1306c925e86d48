import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AccountController } from './api/account.controller.js';
import { AdminController } from './api/admin.controller.js';
import { EventController } from './api/event.controller.js';
import { TransferController } from './api/transfer.controller.js';
import { CreateAccountHandler } from './commands/create-account/create-account.handler.js';
import { TransferHandler } from './commands/transfer/transfer.handler.js';
import { LedgerReader } from './infrastructure/ledger-reader.js';
import { LedgerRepository } from './infrastructure/ledger-repository.js';
import { LedgerReplayModule } from './ledger-replay.module.js';
import { LedgerSettings } from './ledger-settings.js';
import { BalanceProjection } from './projections/balance.projection.js';
import { StatementProjection } from './projections/statement.projection.js';
import { ledgerQueryHandlers } from './queries/index.js';
import { MetricsModule } from '../observability/metrics/metrics.module.js';

@Module({
  imports: [LedgerReplayModule, MetricsModule],
  controllers: [AccountController, TransferController, EventController, AdminController],
  providers: [
    Clock,
    UnitOfWork,
    LedgerSettings,
    LedgerRepository,
    LedgerReader,
    BalanceProjection,
    StatementProjection,
    CreateAccountHandler,
    TransferHandler,
    ...ledgerQueryHandlers,
  ],
  exports: [LedgerSettings, LedgerReader, LedgerReplayModule],
})
export class LedgerModule {}
