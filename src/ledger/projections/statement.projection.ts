/**
 * The `account_statement_lines` read model: one line per posting, with counterparty and reference. A line is a
 * pure function of its posting event, so this is one SELECT over events: the write path inserts it from the
 * batch's new events in the same transaction (a line cannot be lost to a crash), and the rebuilder from the
 * whole log. Keyed by (account, version).
 */
export function statementLinesFromEvents(events: string): string {
  return `SELECT stream_id, stream_version, (payload->>'transfer_id')::uuid, (payload->>'counterparty_account_id')::uuid,
         CASE type WHEN 'AccountDebited' THEN 'debit' ELSE 'credit' END, (payload->>'amount')::numeric, payload->>'currency',
         (payload->>'balance_after')::numeric, payload->>'reference', occurred_at
  FROM ${events} WHERE type IN ('AccountDebited', 'AccountCredited')`;
}
