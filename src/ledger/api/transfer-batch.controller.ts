import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { RequestContext } from '../../common/http/command-context.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { TransferBatchCommand } from '../commands/transfer-batch/transfer-batch.command.js';
import { parseAmount } from '../domain/money.js';
import { transferBatchBodyBytesMax, transferBatchJsonEntriesMax } from '../domain/limits.js';
import type { RouteBodyLimits } from '../../common/http/bounded-json.js';
import type { TransferInput } from '../infrastructure/write/write-entry.js';
import { LedgerSettings } from '../ledger-settings.js';
import { parseTimestamp } from './parse-timestamp.js';
import { AtomicBatchResponse, IndependentBatchResponse } from './dto/transfer-batch-responses.dto.js';
import { TransferBatchDto } from './dto/transfer-batch.dto.js';
import { transferBatchExamples } from './transfer-batch-examples.js';

/** Up to 1,000 transfers do not fit the API's usual body limits; this route has its own. */
export function transferBatchBodyLimits(depthMax: number): RouteBodyLimits {
  return { path: '/ledger/transfers/batch', bodyBytesMax: transferBatchBodyBytesMax, entriesMax: transferBatchJsonEntriesMax, depthMax };
}

@ApiTags('ledger')
@Controller('ledger/transfers')
export class TransferBatchController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly settings: LedgerSettings,
  ) {}

  @Post('batch')
  @RequireScope('ledger:write')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createTransferBatch',
    summary: 'Post up to 1,000 transfers as one unit, all or nothing (atomic) or each on its own (independent)',
    description:
      'The transfers are decided in order, each against the balances the previous ones left, and written in one transaction. ' +
      '`atomic` (the default) answers 201 with every transfer, or the first refusal with its index (`details[0].field` is `transfers[i]`) and nothing is posted. ' +
      '`independent` answers 200 with one result per item: 201 and the transfer, or the refusal\'s status and code. ' +
      'One Idempotency-Key covers the whole batch: a repeat gets the first response again, per-item refusals included (a batch that posted nothing is not stored, so it can be retried). ' +
      'Malformed input anywhere in the batch refuses the whole request with 400.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first response, without posting again. Same key, other body: 409' })
  @ApiExtraModels(AtomicBatchResponse, IndependentBatchResponse)
  @ApiBody({ type: TransferBatchDto, examples: transferBatchExamples.requests })
  @ApiCreatedResponse({ type: AtomicBatchResponse, description: 'atomic: every transfer posted', examples: transferBatchExamples.atomic })
  @ApiOkResponse({ type: IndependentBatchResponse, description: 'independent: one result per transfer', examples: transferBatchExamples.independent })
  @ApiErrors({
    400: 'VALIDATION_FAILED, MALFORMED_JSON',
    404: 'ACCOUNT_NOT_FOUND (atomic)',
    409: 'IDEMPOTENCY_KEY_REUSED',
    413: 'PAYLOAD_TOO_LARGE',
    422: 'SAME_ACCOUNT, CURRENCY_MISMATCH, INSUFFICIENT_FUNDS (atomic)',
    503: 'DATABASE_UNAVAILABLE, OVERLOADED, OUTCOME_UNKNOWN',
  })
  async create(@Body() body: TransferBatchDto, @RequestContext('ledger.transfer.batch') context: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const transfers = body.transfers.map((item, index) => withIndex(index, () => this.toInput(item)));
    const outcome = await this.commandBus.execute(new TransferBatchCommand(body.mode ?? 'atomic', transfers, context));
    reply.status(outcome.status);
    return outcome.body;
  }

  private toInput(item: TransferBatchDto['transfers'][number]): TransferInput {
    const currency = this.settings.currencies.require(item.currency);
    return {
      sourceAccountId: item.source_account_id,
      destinationAccountId: item.destination_account_id,
      amount: parseAmount(item.amount, currency),
      currency,
      reference: item.reference ?? null,
      metadata: item.metadata ?? {},
      occurredAt: item.occurred_at ? parseTimestamp(item.occurred_at, 'occurred_at') : null,
    };
  }
}

/** A malformed item refuses the whole request, naming the item: `transfers[3].amount`. */
function withIndex<T>(index: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
    const details = (error.details ?? [{ message: error.message }]).map((detail) => ({ ...detail, field: `transfers[${index}]${detail.field ? `.${detail.field}` : ''}` }));
    throw new DomainError(error.code, error.kind, `transfers[${index}].${error.message}`, details);
  }
}
