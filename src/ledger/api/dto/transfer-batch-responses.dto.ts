import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TransferResponse } from './responses.dto.js';

export class AtomicBatchResponse {
  @ApiProperty({ enum: ['atomic'] }) mode: 'atomic';
  @ApiProperty({ type: [TransferResponse], description: 'In request order' }) transfers: TransferResponse[];
}

class BatchItemError {
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS' }) code: string;
  @ApiProperty({ example: 'Account 550e8400-e29b-41d4-a716-446655440000 cannot cover 100.00 USD' }) message: string;
}

class BatchItemResult {
  @ApiProperty({ example: 0, description: 'Position of the item in the request' }) index: number;
  @ApiProperty({ example: 201, description: '201 posted, or the status a single transfer refused this way would get (404, 422, ...)' }) status: number;
  @ApiPropertyOptional({ type: TransferResponse }) transfer?: TransferResponse;
  @ApiPropertyOptional({ type: BatchItemError }) error?: BatchItemError;
}

export class IndependentBatchResponse {
  @ApiProperty({ enum: ['independent'] }) mode: 'independent';
  @ApiProperty({ type: [BatchItemResult], description: 'One per item, in request order' }) results: BatchItemResult[];
}
