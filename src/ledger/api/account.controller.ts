import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { RequestContext } from '../../common/http/command-context.decorator.js';
import { uuidParam } from '../../common/http/validation.js';
import { decodePositionCursor } from '../../common/pagination/cursor.js';
import type { CommandContext } from '../commands/command-context.js';
import { CreateAccountCommand } from '../commands/create-account/create-account.command.js';
import { parseOverdraftLimit } from '../domain/money.js';
import { LedgerSettings } from '../ledger-settings.js';
import { GetAccountQuery } from '../queries/get-account.query.js';
import { GetBalanceQuery } from '../queries/get-balance.query.js';
import { GetStatementQuery } from '../queries/get-statement.query.js';
import { ListAccountsQuery } from '../queries/list-accounts.query.js';
import { CreateAccountDto } from './dto/create-account.dto.js';
import { ListAccountsQueryDto } from './dto/list-accounts-query.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { AccountPageResponse, AccountResponse, BalanceResponse } from './dto/responses.dto.js';
import { MetadataFilterInterceptor } from './metadata-filter.interceptor.js';

@ApiTags('ledger')
@RequireScope('ledger:read')
@Controller('ledger/account')
export class AccountController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly settings: LedgerSettings,
  ) {}

  @Post()
  @RequireScope('ledger:write')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createAccount', summary: 'Open an account' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request with the same key to get the same account back' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, MALFORMED_JSON', 409: 'IDEMPOTENCY_KEY_REUSED' })
  create(@Body() body: CreateAccountDto, @RequestContext('ledger.account.create') context: CommandContext) {
    const currency = this.settings.currencies.require(body.currency);
    const overdraftLimit = body.overdraft_limit === undefined ? null : parseOverdraftLimit(body.overdraft_limit, currency);
    return this.commandBus.execute(
      new CreateAccountCommand(currency, body.type, body.metadata ?? {}, body.allow_overdraft, overdraftLimit, context),
    );
  }

  @Get()
  @UseInterceptors(MetadataFilterInterceptor)
  @ApiOperation({
    operationId: 'listAccounts',
    summary: 'List accounts, oldest first, filtered by currency, type and metadata (cursor pagination)',
    description: 'Metadata filters: `metadata.<key>=<value>` (several allowed, all must hold) keeps accounts whose top-level metadata key holds exactly that string.',
  })
  @ApiOkResponse({ type: AccountPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, INVALID_CURSOR' })
  list(@Query() query: ListAccountsQueryDto) {
    return this.queryBus.execute(new ListAccountsQuery({ currency: query.currency, type: query.type, metadata: query.metadata }, query.limit, query.cursor));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getAccount', summary: 'An account with its balance' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'ACCOUNT_NOT_FOUND' })
  get(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetAccountQuery(id));
  }

  @Get(':id/balance')
  @ApiOperation({ operationId: 'getBalance', summary: 'The balance projection of an account' })
  @ApiOkResponse({ type: BalanceResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'ACCOUNT_NOT_FOUND' })
  balance(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetBalanceQuery(id));
  }

  @Get(':id/statement')
  @ApiOperation({ operationId: 'getStatement', summary: 'The account statement: one line per posting (counterparty, reference, balance after), oldest first' })
  @ApiOkResponse({ description: '{ data: [line...], next_cursor }: pass next_cursor as `cursor` for the next page' })
  @ApiErrors({ 400: 'VALIDATION_FAILED, INVALID_CURSOR', 404: 'ACCOUNT_NOT_FOUND' })
  statement(@Param('id', uuidParam('id')) id: string, @Query() query: PageQueryDto) {
    const afterVersion = query.cursor === undefined ? undefined : decodePositionCursor(query.cursor);
    return this.queryBus.execute(new GetStatementQuery(id, query.limit, afterVersion));
  }
}
