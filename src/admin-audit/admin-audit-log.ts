import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cursorParts, decodeCursor, encodeCursor } from '../common/pagination/cursor.js';

export type AdminAction =
  | 'api_key.created'
  | 'api_key.revoked'
  | 'webhook_subscription.created'
  | 'webhook_subscription.changed'
  | 'webhook_subscription.paused'
  | 'webhook_subscription.resumed'
  | 'webhook_subscription.deleted'
  | 'webhook_subscription.secret_rotated'
  | 'webhook_subscription.replayed'
  | 'webhook_delivery.replayed';

/** Who did an admin action: a principal's name, or `cli:<OS user>` for the CLI; and the request id over HTTP. */
export interface AdminActor {
  readonly actor: string;
  readonly correlationId?: string;
}

export interface AdminAuditEntry {
  action: AdminAction;
  targetId: string;
  targetName?: string;
  details?: Record<string, unknown>;
}

export interface AdminAuditView {
  id: string;
  occurred_at: string;
  actor: string;
  action: AdminAction;
  target_id: string;
  target_name: string | null;
  details: Record<string, unknown>;
  correlation_id: string | null;
}

/**
 * `admin_audit`: one row per admin action, written in the transaction of the action itself (so an action
 * without its row cannot commit) and never changed afterwards (triggers refuse UPDATE, DELETE, TRUNCATE).
 */
@Injectable()
export class AdminAuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, by: AdminActor, entry: AdminAuditEntry): Promise<void> {
    await manager.query(`INSERT INTO admin_audit (actor, action, target_id, target_name, details, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      by.actor,
      entry.action,
      entry.targetId,
      entry.targetName ?? null,
      JSON.stringify(entry.details ?? {}),
      by.correlationId ?? null,
    ]);
  }

  /** Oldest first; `next_cursor` continues after the page's last row. */
  async list(limit: number, cursor?: string): Promise<{ data: AdminAuditView[]; next_cursor: string | null }> {
    const after = cursor ? decodeCursor(cursor, [cursorParts.position])[0] : '0';
    const rows: (Omit<AdminAuditView, 'occurred_at'> & { occurred_at: Date })[] = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, actor, action, target_id, target_name, details, correlation_id FROM admin_audit WHERE id > $1::bigint ORDER BY id LIMIT $2`,
      [after, limit + 1],
    );
    const page = rows.slice(0, limit).map((row) => ({ ...row, occurred_at: row.occurred_at.toISOString() }));
    return { data: page, next_cursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
  }
}
