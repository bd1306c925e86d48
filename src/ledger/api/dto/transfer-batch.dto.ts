import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { transferBatchItemsMax } from '../../domain/limits.js';
import { TransferDto } from './transfer.dto.js';

export class TransferBatchDto {
  @ApiPropertyOptional({
    enum: ['atomic', 'independent'],
    default: 'atomic',
    description: '`atomic`: all or nothing, the first refusal answered with its index. `independent`: each transfer posted or refused on its own, one result per item.',
  })
  @IsOptional()
  @IsIn(['atomic', 'independent'])
  mode?: 'atomic' | 'independent';

  @ApiProperty({ type: [TransferDto], minItems: 1, maxItems: transferBatchItemsMax, description: 'Decided in this order, each against the balances its predecessors left' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(transferBatchItemsMax)
  @ValidateNested({ each: true })
  @Type(() => TransferDto)
  transfers: TransferDto[];
}
