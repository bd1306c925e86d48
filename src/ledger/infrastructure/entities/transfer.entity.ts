import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'transfers' })
export class TransferEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'source_account_id', type: 'uuid' }) sourceAccountId: string;
  @Column({ name: 'destination_account_id', type: 'uuid' }) destinationAccountId: string;
  @Column({ type: 'numeric', precision: 38, scale: 4 }) amount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column('text') status: 'posted';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
