import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'account_balances' })
export class AccountBalanceEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' }) accountId: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'numeric', precision: 38, scale: 4 }) balance: string;
  @Column({ name: 'balance_floor', type: 'numeric', precision: 38, scale: 4, nullable: true }) balanceFloor: string | null;
  @Column('bigint') version: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
