import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { LedgerVerifier } from '../audit/ledger-verifier.js';
import { toVerifyReportResponse, VerifyReportResponse } from './dto/verify-report.response.js';

@ApiTags('admin')
@RequireScope('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly verifier: LedgerVerifier) {}

  @Get('verify')
  @ApiOperation({ operationId: 'verifyLedger', summary: 'Replay the whole event log and check it (hash chain, double entry, floors, projections); `ok` says whether it is whole' })
  @ApiOkResponse({ type: VerifyReportResponse })
  async verify(): Promise<VerifyReportResponse> {
    return toVerifyReportResponse(await this.verifier.verify());
  }
}
