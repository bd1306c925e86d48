import type { IdempotencyRequest, StoredResponse } from '../common/idempotency/idempotency.js';
import { isUniqueViolationOf } from './database-errors.js';
import type { SqlParams, SqlPart } from './sql-params.js';
import type { Queryable } from './unit-of-work.js';

/**
 * Durable idempotency keys in `idempotency_keys`, written in the same statement as the posting they
 * protect. Two racing requests with one key both pass the lookup; the primary key lets exactly one
 * insert, and the loser retries and replays the winner's response.
 */
export const IdempotencyKeys = {
  /** SQL selecting the stored response for `request` as one JSON column, to embed in a larger query. */
  lookupSql(params: SqlParams, request: IdempotencyRequest | undefined): string {
    if (request === undefined) return 'NULL::json';
    return `(SELECT json_build_object('requestHash', request_hash, 'status', response_status, 'body', response_body)
      FROM idempotency_keys WHERE scope = ${params.add(request.scope)} AND key = ${params.add(request.key)})`;
  },

  async find(tx: Queryable, request: IdempotencyRequest): Promise<StoredResponse | undefined> {
    const rows: { response: StoredResponse | null }[] = await tx.query(
      `SELECT json_build_object('requestHash', request_hash, 'status', response_status, 'body', response_body) AS response
       FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [request.scope, request.key],
    );
    return rows[0]?.response ?? undefined;
  },

  storePart(params: SqlParams, request: IdempotencyRequest, status: number, body: unknown): SqlPart {
    return {
      name: 'stored_idempotency_key',
      sql: `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
        VALUES (${params.add(request.scope)}, ${params.add(request.key)}, ${params.add(request.fingerprint)}, ${params.add(status)}, ${params.add(JSON.stringify(body))}::json)
        RETURNING key`,
    };
  },

  isRace(error: unknown): boolean {
    return isUniqueViolationOf(error, 'idempotency_keys_pkey');
  },
};
