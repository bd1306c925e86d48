import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column('text') type: string;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column({ name: 'allow_overdraft', type: 'boolean' }) allowOverdraft: boolean;
  /** NUMERIC arrives as a string; it is never turned into a JS number. */
  @Column({ name: 'overdraft_limit', type: 'numeric', precision: 38, scale: 4, nullable: true }) overdraftLimit: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
