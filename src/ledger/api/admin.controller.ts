import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { LedgerVerifier } from '../audit/ledger-verifier.js';

@ApiTags('admin')
@RequireScope('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly verifier: LedgerVerifier) {}

  @Get('verify')
  @ApiOperation({ operationId: 'verifyLedger', summary: 'Replay the whole event log and check it (hash chain, double entry, floors, projections); `ok` says whether it is whole' })
  @ApiOkResponse({ schema: { example: { ok: true, events: 17, accounts: 5, transfers: 6, headHash: '03da45a1...', findings: [] } } })
  verify() {
    return this.verifier.verify();
  }
}
