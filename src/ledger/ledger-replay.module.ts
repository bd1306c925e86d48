import { Module } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work.js';
import { LedgerVerifier } from './audit/ledger-verifier.js';
import { EventLogReader } from './infrastructure/event-log-reader.js';
import { BalanceProjection } from './projections/balance.projection.js';
import { ProjectionRebuilder } from './projections/projection-rebuilder.js';

/**
 * What replays the whole event log: `verify` and `projections:rebuild`. Apart from LedgerModule so the CLI can
 * run them without the command and query buses, the controllers and their OpenAPI metadata.
 */
@Module({
  providers: [UnitOfWork, BalanceProjection, EventLogReader, ProjectionRebuilder, LedgerVerifier],
  exports: [EventLogReader, ProjectionRebuilder, LedgerVerifier],
})
export class LedgerReplayModule {}
