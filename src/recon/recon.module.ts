import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ReconController } from './api/recon.controller.js';
import { SourcePreviewController } from './api/source-preview.controller.js';
import { AlertUnreconciledHandler } from './commands/alert-unreconciled/alert-unreconciled.handler.js';
import { RunReconHandler } from './commands/run-recon/run-recon.handler.js';
import { UnreconciledSaga } from './sagas/unreconciled.saga.js';
import { ReconJobRepository } from './infrastructure/recon-job-repository.js';
import { ReconReader } from './infrastructure/recon-reader.js';
import { StatementHistory } from './infrastructure/statement-history.js';
import { ApiSourceFactory } from './infrastructure/sources/api-source-factory.js';
import { CsvSourceFactory } from './infrastructure/sources/csv-source-factory.js';
import { RECON_SOURCE_FACTORIES } from './infrastructure/sources/recon-source-factory.js';
import { StatementSourceFactory } from './infrastructure/statements/statement-source-factory.js';
import { statementFormats } from './infrastructure/statements/statement-formats.js';
import { reconQueryHandlers } from './queries/recon.queries.js';
import { ReconJobRecovery } from './recon-job-recovery.js';
import { ReconJobRunner } from './recon-job-runner.js';
import { ReconJobSlots } from './recon-job-slots.js';
import { ReconSettings } from './recon-settings.js';

/**
 * Reconciliation. Source adapters are an injected list: to add a source type, provide a ReconSourceFactory
 * and add it to RECON_SOURCE_FACTORIES, then name it as `type` in RECON_SOURCES_FILE. Matching runs in
 * PostgreSQL (ReconJobRunner); how a blocked pair is judged is domain/rules/rule-candidates.ts (the source's rules, first match wins).
 */
@Module({
  imports: [LedgerModule],
  controllers: [ReconController, SourcePreviewController],
  providers: [
    Clock,
    CsvSourceFactory,
    ApiSourceFactory,
    {
      provide: RECON_SOURCE_FACTORIES,
      useFactory: (csv: CsvSourceFactory, api: ApiSourceFactory) => [csv, api, ...statementFormats.map((format) => new StatementSourceFactory(format))],
      inject: [CsvSourceFactory, ApiSourceFactory],
    },
    ReconSettings,
    ReconJobRepository,
    StatementHistory,
    ReconReader,
    ReconJobRunner,
    ReconJobSlots,
    ReconJobRecovery,
    RunReconHandler,
    AlertUnreconciledHandler,
    UnreconciledSaga,
    ...reconQueryHandlers,
  ],
  exports: [ReconSettings],
})
export class ReconModule {}
