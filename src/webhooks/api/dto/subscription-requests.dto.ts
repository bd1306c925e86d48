import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LimitQueryDto, PageQueryDto } from '../../../ledger/api/dto/page-query.dto.js';
import { webhookEventTypes } from '../../domain/event-types.js';
import { eventTypesPerSubscriptionMax, rotationOverlapSecondsMax } from '../../domain/limits.js';

const secretPattern = /^[\x21-\x7e]{32,256}$/;
const positionPattern = /^[1-9]\d{0,17}$/;
const urlDescription = 'http:// or https://; it must not resolve to a loopback, private or link-local address unless WEBHOOK_ALLOW_PRIVATE_URLS=true';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://payments.example.com/hooks/tally', maxLength: 2048, description: urlDescription })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: webhookEventTypes, isArray: true, example: ['transfer.posted', 'recon.unmatched_above_threshold'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(eventTypesPerSubscriptionMax)
  @IsIn(webhookEventTypes, { each: true })
  event_types: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Payments team: settlement service' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ description: 'The signing secret, 32-256 visible ASCII characters; generated (whsec_...) when absent' })
  @IsOptional()
  @Matches(secretPattern, { message: 'must be 32 to 256 visible ASCII characters' })
  secret?: string;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://payments.example.com/hooks/tally-v2', maxLength: 2048, description: urlDescription })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: webhookEventTypes, isArray: true, example: ['transfer.posted'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(eventTypesPerSubscriptionMax)
  @IsIn(webhookEventTypes, { each: true })
  event_types?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'null or "" removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;
}

export class RotateSecretDto {
  @ApiPropertyOptional({ example: 86_400, minimum: 0, maximum: rotationOverlapSecondsMax, default: 86_400, description: 'How long the previous secret keeps signing alongside the new one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(rotationOverlapSecondsMax)
  overlap_seconds: number = 86_400;

  @ApiPropertyOptional({ description: 'The new secret, 32-256 visible ASCII characters; generated when absent' })
  @IsOptional()
  @Matches(secretPattern, { message: 'must be 32 to 256 visible ASCII characters' })
  secret?: string;
}

/** Exactly one of the two: the stream to replay and the position to replay it from. */
export class ReplayFromPositionDto {
  @ApiPropertyOptional({ example: '1042', description: 'Deliver every transfer.posted from this ledger position (transfers.position) on' })
  @ValidateIf((body: ReplayFromPositionDto) => body.from_recon_position === undefined)
  @Matches(positionPattern, { message: 'must be a position: a positive integer of at most 18 digits' })
  from_ledger_position?: string;

  @ApiPropertyOptional({ example: '7', description: 'Deliver every recon fact from this outbox position on' })
  @ValidateIf((body: ReplayFromPositionDto) => body.from_ledger_position === undefined)
  @Matches(positionPattern, { message: 'must be a position: a positive integer of at most 18 digits' })
  from_recon_position?: string;
}

export class ListSubscriptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'paused', 'deleted'], description: 'Default: every subscription but deleted ones' })
  @IsOptional()
  @IsIn(['active', 'paused', 'deleted'])
  status?: 'active' | 'paused' | 'deleted';
}

export class ListDeliveriesQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'cancelled'])
  status?: 'pending' | 'delivered' | 'cancelled';

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'is not a cursor returned by this API' })
  cursor?: string;
}
