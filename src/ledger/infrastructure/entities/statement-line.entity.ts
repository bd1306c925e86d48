import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'account_statement_lines' })
export class StatementLineEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' }) accountId: string;
  @PrimaryColumn('bigint') version: string;
  @Column({ name: 'transfer_id', type: 'uuid' }) transferId: string;
  @Column({ name: 'counterparty_account_id', type: 'uuid' }) counterpartyAccountId: string;
  @Column('text') direction: 'debit' | 'credit';
  @Column({ type: 'numeric', precision: 38, scale: 4 }) amount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'balance_after', type: 'numeric', precision: 38, scale: 4 }) balanceAfter: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
}
