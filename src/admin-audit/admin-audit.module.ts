import { Module } from '@nestjs/common';
import { AdminAuditLog } from './admin-audit-log.js';
import { AdminAuditController } from './api/admin-audit.controller.js';

/** The append-only record of admin actions; the modules whose actions are audited import it. */
@Module({
  controllers: [AdminAuditController],
  providers: [AdminAuditLog],
  exports: [AdminAuditLog],
})
export class AdminAuditModule {}
