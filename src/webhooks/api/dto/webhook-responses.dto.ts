import { ApiProperty } from '@nestjs/swagger';
import { webhookEventTypes } from '../../domain/event-types.js';
import type { AttemptView, DeliveryDetailsView, DeliveryView, SubscriptionView, SubscriptionWithSecretView } from '../../queries/views.js';

/** The documented shapes of the webhooks API's answers; the views they implement are what the handlers return. */
export class WebhookSubscriptionResponse implements SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://payments.example.com/hooks/tally' }) url: string;
  @ApiProperty({ enum: webhookEventTypes, isArray: true, example: ['transfer.posted'] }) event_types: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Payments team: settlement service' }) description: string | null;
  @ApiProperty({ enum: ['active', 'paused', 'deleted'], example: 'active' }) status: SubscriptionView['status'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) paused_at: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it paused: the delivery that failed WEBHOOK_ATTEMPTS_MAX times and its last error, or who paused it' })
  paused_reason: string | null;
  @ApiProperty({ example: 'whsec_3q2...', description: 'The start of the signing secret, to tell secrets apart' }) secret_prefix: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'During a rotation: until when the previous secret signs too' })
  previous_secret_expires_at: string | null;
  @ApiProperty({ example: '1042', description: 'The last ledger position (transfers.position) turned into deliveries' }) ledger_position: string;
  @ApiProperty({ example: '7', description: 'The last recon outbox position turned into deliveries' }) recon_position: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class WebhookSubscriptionWithSecretResponse extends WebhookSubscriptionResponse implements SubscriptionWithSecretView {
  @ApiProperty({ example: 'whsec_3q2Zb0mYl7kqTt1QmJx0cN2pR5sV8wY1zA4bC7dE9fG', description: 'Shown only now: store it with the receiver' }) secret: string;
}

export class WebhookSubscriptionPageResponse {
  @ApiProperty({ type: [WebhookSubscriptionResponse] }) data: WebhookSubscriptionResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor: string | null;
}

export class WebhookAttemptResponse implements AttemptView {
  @ApiProperty({ format: 'date-time' }) attempted_at: string;
  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'null when no answer came (refused, timed out)' }) status_code: number | null;
  @ApiProperty({ example: 84 }) latency_ms: number;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500: upstream unavailable' }) error: string | null;
}

export class WebhookDeliveryResponse implements DeliveryView {
  @ApiProperty({ example: '1042', description: 'Deliveries of a subscription go out in this order' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscription_id: string;
  @ApiProperty({ format: 'uuid', description: 'The same on every attempt and replay: deduplicate on it' }) event_id: string;
  @ApiProperty({ enum: webhookEventTypes, example: 'transfer.posted' }) event_type: string;
  @ApiProperty({ enum: ['ledger', 'recon'], example: 'ledger' }) stream: DeliveryView['stream'];
  @ApiProperty({ example: '2051', description: 'Position of the fact in its stream' }) position: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'cancelled'], example: 'delivered' }) status: DeliveryView['status'];
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'When a pending delivery is tried next' }) next_attempt_at: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) last_error: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The delivery this one replays' }) replay_of: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at: string | null;
}

export class WebhookDeliveryDetailsResponse extends WebhookDeliveryResponse implements DeliveryDetailsView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body sent: {id, type, created_at, stream, position, data}' }) payload: unknown;
  @ApiProperty({ type: [WebhookAttemptResponse], description: 'The latest 100 attempts, oldest first' }) attempt_log: WebhookAttemptResponse[];
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) data: WebhookDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) next_cursor: string | null;
}

export class WebhookReplayResponse {
  @ApiProperty({ type: WebhookSubscriptionResponse }) subscription: WebhookSubscriptionResponse;
  @ApiProperty({ example: 3, description: 'Pending deliveries of that stream from the position on, cancelled because they go out again' }) cancelled_deliveries: number;
}
