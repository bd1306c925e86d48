import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { LedgerVerifier } from './audit/ledger-verifier.js';
import { TypeOrmReadSnapshot } from './audit/typeorm-read-snapshot.js';
import { EventLogReader } from './infrastructure/event-log-reader.js';
import { ProjectionRebuilder } from './projections/projection-rebuilder.js';

/**
 * What replays the whole event log: GET /admin/verify and `projections:rebuild` (the CLI's `verify` builds the verifier
 * over plain `pg` instead, src/cli/jobs/verify.job.ts). Apart from LedgerModule so the CLI can
 * run them without the command and query buses, the controllers and their OpenAPI metadata.
 */
@Module({
  providers: [
    UnitOfWork,
    EventLogReader,
    ProjectionRebuilder,
    { provide: LedgerVerifier, inject: [DataSource], useFactory: (dataSource: DataSource) => new LedgerVerifier(new TypeOrmReadSnapshot(dataSource)) },
  ],
  exports: [EventLogReader, ProjectionRebuilder, LedgerVerifier],
})
export class LedgerReplayModule {}
