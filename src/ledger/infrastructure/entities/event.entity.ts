import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of the append-only log. Written only by EventStore; the database refuses UPDATE and DELETE. */
@Entity({ name: 'events' })
export class EventEntity {
  /** bigint arrives as a string so positions past 2^53 stay exact. */
  @PrimaryColumn({ type: 'bigint' }) position: string;
  @Column({ type: 'uuid', unique: true }) id: string;
  @Column({ name: 'stream_id', type: 'uuid' }) streamId: string;
  @Column({ name: 'stream_version', type: 'bigint' }) streamVersion: string;
  @Column('text') type: string;
  @Column({ name: 'schema_version', type: 'int' }) schemaVersion: number;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
