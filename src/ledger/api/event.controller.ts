import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ListEventsQuery } from '../queries/list-events.query.js';
import { ListEventsQueryDto } from './dto/list-events-query.dto.js';
import { EventPageResponse } from './dto/responses.dto.js';

@ApiTags('ledger')
@RequireScope('ledger:read')
@Controller('ledger/events')
export class EventController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The immutable event log, oldest first, filtered by account, transfer or type' })
  @ApiOkResponse({ type: EventPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  list(@Query() query: ListEventsQueryDto) {
    return this.queryBus.execute(
      new ListEventsQuery({ accountId: query.account_id, transferId: query.transfer_id, type: query.type, after: query.after }, query.limit),
    );
  }
}
