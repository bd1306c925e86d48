import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { decodePositionCursor } from '../../common/pagination/cursor.js';
import { ListEventsQuery } from '../queries/list-events.query.js';
import { ListEventsQueryDto } from './dto/list-events-query.dto.js';
import { EventPageResponse } from './dto/responses.dto.js';

@ApiTags('ledger')
@RequireScope('ledger:read')
@Controller('ledger/events')
export class EventController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'listEvents', summary: 'The immutable event log, oldest first, filtered by account, transfer or type' })
  @ApiOkResponse({ type: EventPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, INVALID_CURSOR' })
  list(@Query() query: ListEventsQueryDto) {
    return this.queryBus.execute(
      new ListEventsQuery({ accountId: query.account_id, transferId: query.transfer_id, type: query.type, after: afterPosition(query) }, query.limit),
    );
  }
}

/** `after` is the older name of `cursor`; both carry an event position. */
function afterPosition(query: ListEventsQueryDto): string | undefined {
  if (query.cursor !== undefined && query.after !== undefined && query.cursor !== query.after) {
    throw ValidationFailed.field('after', 'is an alias of cursor: give one of them');
  }
  const given = query.cursor ?? query.after;
  return given === undefined ? undefined : decodePositionCursor(given, query.cursor !== undefined ? 'cursor' : 'after');
}
