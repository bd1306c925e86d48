import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminActorOf } from '../../admin-audit/api/admin-actor.decorator.js';
import type { AdminActor } from '../../admin-audit/admin-audit-log.js';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { uuidParam } from '../../common/http/validation.js';
import { ChangeSubscriptionStatusCommand } from '../commands/change-subscription-status.js';
import { CreateSubscriptionCommand } from '../commands/create-subscription.js';
import { ReplayFromPositionCommand } from '../commands/replay.js';
import { RotateSecretCommand } from '../commands/rotate-secret.js';
import { UpdateSubscriptionCommand } from '../commands/update-subscription.js';
import { GetSubscriptionQuery, ListDeliveriesQuery, ListSubscriptionsQuery } from '../queries/webhook.queries.js';
import { CreateSubscriptionDto, ListDeliveriesQueryDto, ListSubscriptionsQueryDto, ReplayFromPositionDto, RotateSecretDto, UpdateSubscriptionDto } from './dto/subscription-requests.dto.js';
import { WebhookDeliveryPageResponse, WebhookReplayResponse, WebhookSubscriptionPageResponse, WebhookSubscriptionResponse, WebhookSubscriptionWithSecretResponse } from './dto/webhook-responses.dto.js';

const IdParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'The subscription' });

@ApiTags('webhooks')
@RequireScope('admin')
@Controller('webhooks/subscriptions')
export class WebhookSubscriptionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createWebhookSubscription', summary: 'Subscribe a URL to event types; it is sent what happens from now on. The secret is shown only in this answer' })
  @ApiCreatedResponse({ type: WebhookSubscriptionWithSecretResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, MALFORMED_JSON', 422: 'WEBHOOK_URL_REFUSED' })
  create(@Body() body: CreateSubscriptionDto, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new CreateSubscriptionCommand(body.url, body.event_types, body.description, body.secret, by));
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhookSubscriptions', summary: 'Subscriptions, oldest first (deleted ones only with status=deleted)' })
  @ApiOkResponse({ type: WebhookSubscriptionPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, INVALID_CURSOR' })
  list(@Query() query: ListSubscriptionsQueryDto) {
    return this.queryBus.execute(new ListSubscriptionsQuery(query.status, query.limit, query.cursor));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhookSubscription', summary: 'One subscription: status, why it paused, how far each stream has been queued' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' })
  get(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetSubscriptionQuery(id));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateWebhookSubscription', summary: 'Change the URL, event types or description (to fix a receiver, then resume)' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, MALFORMED_JSON', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE', 422: 'WEBHOOK_URL_REFUSED' })
  update(@Param('id', uuidParam('id')) id: string, @Body() body: UpdateSubscriptionDto, @AdminActorOf() by: AdminActor) {
    const update = { url: body.url, eventTypes: body.event_types, ...(body.description !== undefined && { description: body.description }) };
    return this.commandBus.execute(new UpdateSubscriptionCommand(id, update, by));
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteWebhookSubscription', summary: 'Stop delivering for good; the subscription and its deliveries stay as a record' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' })
  remove(@Param('id', uuidParam('id')) id: string, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new ChangeSubscriptionStatusCommand(id, 'delete', by));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ operationId: 'pauseWebhookSubscription', summary: 'Stop sending at the current delivery; nothing is skipped' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE' })
  pause(@Param('id', uuidParam('id')) id: string, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new ChangeSubscriptionStatusCommand(id, 'pause', by));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ operationId: 'resumeWebhookSubscription', summary: 'Send again from where it paused: the head delivery now, with a fresh set of attempts, then the rest in order' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE' })
  resume(@Param('id', uuidParam('id')) id: string, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new ChangeSubscriptionStatusCommand(id, 'resume', by));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateWebhookSecret', summary: 'A new signing secret, shown only in this answer; the previous one keeps signing alongside it for overlap_seconds' })
  @IdParam()
  @ApiOkResponse({ type: WebhookSubscriptionWithSecretResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, MALFORMED_JSON', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE' })
  rotate(@Param('id', uuidParam('id')) id: string, @Body() body: RotateSecretDto, @AdminActorOf() by: AdminActor) {
    return this.commandBus.execute(new RotateSecretCommand(id, body.overlap_seconds, body.secret, by));
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ operationId: 'replayWebhookSubscription', summary: 'Deliver one stream again from a position on (give from_ledger_position or from_recon_position)' })
  @IdParam()
  @ApiAcceptedResponse({ type: WebhookReplayResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED, MALFORMED_JSON', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 409: 'WEBHOOK_SUBSCRIPTION_STATE' })
  replay(@Param('id', uuidParam('id')) id: string, @Body() body: ReplayFromPositionDto, @AdminActorOf() by: AdminActor) {
    if (body.from_ledger_position !== undefined && body.from_recon_position !== undefined) {
      throw ValidationFailed.field('from_recon_position', 'give from_ledger_position or from_recon_position, not both');
    }
    const [stream, position] = body.from_ledger_position !== undefined ? (['ledger', body.from_ledger_position] as const) : (['recon', body.from_recon_position!] as const);
    return this.commandBus.execute(new ReplayFromPositionCommand(id, stream, position, by));
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "A subscription's deliveries in the order they go out" })
  @IdParam()
  @ApiOkResponse({ type: WebhookDeliveryPageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' })
  deliveries(@Param('id', uuidParam('id')) id: string, @Query() query: ListDeliveriesQueryDto) {
    return this.queryBus.execute(new ListDeliveriesQuery(id, query.status, query.limit, query.cursor));
  }
}
