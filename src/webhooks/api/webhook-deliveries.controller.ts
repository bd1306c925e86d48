import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminActorOf } from '../../admin-audit/api/admin-actor.decorator.js';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ReplayDeliveryCommand } from '../commands/replay.js';
import { GetDeliveryQuery } from '../queries/webhook.queries.js';
import { DeliveryIdPipe } from './delivery-id.pipe.js';
import { WebhookDeliveryDetailsResponse, WebhookDeliveryResponse } from './dto/webhook-responses.dto.js';

const IdParam = () => ApiParam({ name: 'id', schema: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' }, example: '1042', description: 'The delivery' });

@ApiTags('webhooks')
@RequireScope('admin')
@Controller('webhooks/deliveries')
export class WebhookDeliveriesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhookDelivery', summary: 'One delivery with the body sent and its attempts (status, latency, error)' })
  @IdParam()
  @ApiOkResponse({ type: WebhookDeliveryDetailsResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_DELIVERY_NOT_FOUND' })
  get(@Param('id', DeliveryIdPipe) id: string) {
    return this.queryBus.execute(new GetDeliveryQuery(id));
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ operationId: 'replayWebhookDelivery', summary: 'Send the same fact again, the same bytes, after everything pending' })
  @IdParam()
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_DELIVERY_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE' })
  replay(@Param('id', DeliveryIdPipe) id: string, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new ReplayDeliveryCommand(id, by));
  }
}
