import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { PageQueryDto } from '../../ledger/api/dto/page-query.dto.js';
import { AdminAuditLog } from '../admin-audit-log.js';

const example = {
  data: [
    {
      id: '1',
      occurred_at: '2026-12-01T22:25:47.923Z',
      actor: 'cli:deploy',
      action: 'api_key.created',
      target_id: '0b6f0a4e-6a1c-4d1e-9a55-2f9f5f1d2c3b',
      target_name: 'payments-api',
      details: { prefix: 'tly_0b6f0a4e', scopes: ['ledger:read', 'ledger:write'] },
      correlation_id: null,
    },
  ],
  next_cursor: null,
};

@ApiTags('admin')
@RequireScope('admin')
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditLog) {}

  @Get()
  @ApiOperation({ summary: 'Admin actions (API keys created and revoked), oldest first, with their actor' })
  @ApiOkResponse({ schema: { example } })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  list(@Query() query: PageQueryDto) {
    return this.audit.list(query.limit, query.cursor);
  }
}
