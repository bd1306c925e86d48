import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountView, BalanceView, EventView, TransferView } from '../../queries/views.js';

export class AccountResponse implements AccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 'user' }) type: string;
  @ApiProperty({ example: { name: 'John Doe' } }) metadata: Record<string, unknown>;
  @ApiProperty({ example: false }) allow_overdraft: boolean;
  @ApiProperty({ example: null, nullable: true, type: String }) overdraft_limit: string | null;
  @ApiProperty({ example: '0.00' }) balance: string;
  @ApiProperty({ example: '2025-07-13T10:00:00.000Z' }) created_at: string;
}

export class AccountPageResponse {
  @ApiProperty({ type: [AccountResponse] }) data: AccountResponse[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `cursor` for the next page; null on the last page' }) next_cursor: string | null;
}

export class BalanceResponse implements BalanceView {
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '450.00' }) balance: string;
  @ApiProperty({ example: 4, description: 'Version of the account stream this balance reflects' }) version: number;
  @ApiProperty({ example: '2025-07-13T10:00:00.000Z' }) as_of: string;
}

export class TransferResponse implements TransferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) source_account_id: string;
  @ApiProperty({ format: 'uuid' }) destination_account_id: string;
  @ApiProperty({ example: '100.50' }) amount: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 'INV-2025-0042', nullable: true, type: String }) reference: string | null;
  @ApiProperty({ example: { description: 'Payment for services' } }) metadata: Record<string, unknown>;
  @ApiProperty({ example: 'posted', enum: ['posted'] }) status: 'posted';
  @ApiProperty({ example: '2025-07-13T10:00:00.000Z' }) created_at: string;
  @ApiProperty({ example: '2025-07-13T09:14:30.000Z', description: 'Value time: when the money moved' }) occurred_at: string;
}

export class TransferPageResponse {
  @ApiProperty({ type: [TransferResponse] }) data: TransferResponse[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `cursor` (with the same order) for the next page; null on the last page' }) next_cursor: string | null;
}

export class EventResponse implements EventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '42', description: 'Global position in the log (a string: it is a 64-bit integer)' }) position: string;
  @ApiProperty({ example: 'AccountDebited', enum: ['AccountOpened', 'AccountDebited', 'AccountCredited'] }) type: string;
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) transfer_id: string | null;
  @ApiPropertyOptional({ example: '100.50', nullable: true, type: String }) amount: string | null;
  @ApiPropertyOptional({ example: 'USD', nullable: true, type: String }) currency: string | null;
  @ApiPropertyOptional({ example: '399.50', nullable: true, type: String }) balance_after: string | null;
  @ApiProperty({ example: '2025-07-13T10:00:00.000Z' }) occurred_at: string;
  @ApiProperty({ example: { idempotency_key: 'order-42' } }) metadata: Record<string, unknown>;
}

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] }) data: EventResponse[];
  @ApiProperty({ nullable: true, type: String, example: '42', description: 'Pass as `cursor` (or `after`) for the next page; null on the last page' }) next_cursor: string | null;
}
