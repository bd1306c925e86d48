import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { RequestContext } from '../../common/http/command-context.decorator.js';
import { uuidParam } from '../../common/http/validation.js';
import type { CommandContext } from '../commands/command-context.js';
import { TransferCommand } from '../commands/transfer/transfer.command.js';
import { parseAmount } from '../domain/money.js';
import { parseTimestamp } from './parse-timestamp.js';
import { LedgerSettings } from '../ledger-settings.js';
import { GetTransferQuery } from '../queries/get-transfer.query.js';
import { ListTransfersQuery } from '../queries/list-transfers.query.js';
import { ListTransfersQueryDto } from './dto/list-transfers-query.dto.js';
import { TransferPageResponse, TransferResponse } from './dto/responses.dto.js';
import { TransferDto } from './dto/transfer.dto.js';
import { MetadataFilterInterceptor } from './metadata-filter.interceptor.js';

@ApiTags('ledger')
@RequireScope('ledger:read')
@Controller('ledger/transfer')
export class TransferController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly settings: LedgerSettings,
  ) {}

  @Post()
  @RequireScope('ledger:write')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createTransfer', summary: 'Move money between two accounts of one currency (all or nothing)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first response, without posting again. Same key, other body: 409' })
  @ApiCreatedResponse({ type: TransferResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED, MALFORMED_JSON',
    404: 'ACCOUNT_NOT_FOUND',
    409: 'IDEMPOTENCY_KEY_REUSED',
    422: 'SAME_ACCOUNT, CURRENCY_MISMATCH, INSUFFICIENT_FUNDS',
    503: 'DATABASE_UNAVAILABLE',
  })
  create(@Body() body: TransferDto, @RequestContext('ledger.transfer.create') context: CommandContext) {
    const currency = this.settings.currencies.require(body.currency);
    const amount = parseAmount(body.amount, currency);
    return this.commandBus.execute(
      new TransferCommand(body.source_account_id, body.destination_account_id, amount, currency, body.reference ?? null, body.metadata ?? {}, body.occurred_at ? parseTimestamp(body.occurred_at, 'occurred_at') : null, context),
    );
  }

  @Get()
  @UseInterceptors(MetadataFilterInterceptor)
  @ApiOperation({
    operationId: 'listTransfers',
    summary: 'List transfers in log order, filtered by account, reference, currency, value time and metadata (cursor pagination)',
    description:
      'Filters combine with AND. `account_id` matches the source or the destination; `from` (inclusive) and `to` (exclusive) bound the value time ' +
      '(`occurred_at`); `metadata.<key>=<value>` (several allowed) keeps transfers whose top-level metadata key holds exactly that string. ' +
      'Order: the log position of each transfer (`order=asc`, oldest first, the default; `order=desc`, newest first), which a transfer committing late never jumps, so paging skips nothing.',
  })
  @ApiOkResponse({ type: TransferPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, INVALID_CURSOR' })
  list(@Query() query: ListTransfersQueryDto) {
    const from = query.from === undefined ? undefined : parseTimestamp(query.from, 'from');
    const to = query.to === undefined ? undefined : parseTimestamp(query.to, 'to');
    if (from && to && from >= to) throw ValidationFailed.field('to', 'must be later than from');
    const filter = { accountId: query.account_id, reference: query.reference, currency: query.currency, occurredFrom: from, occurredTo: to, metadata: query.metadata };
    return this.queryBus.execute(new ListTransfersQuery(filter, query.limit, query.cursor, query.order));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTransfer', summary: 'A transfer' })
  @ApiOkResponse({ type: TransferResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'TRANSFER_NOT_FOUND' })
  get(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetTransferQuery(id));
  }
}
