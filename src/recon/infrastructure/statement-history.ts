import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Decimal } from '../../common/money/decimal.js';
import { storableText } from '../../common/storable-text.js';
import type { Queryable } from './recon-job-repository.js';
import type { CheckedStatement, RecordedStatement, StatementFinding } from '../domain/statement-balance-check.js';

/** The statements of earlier jobs, per source and account, and the findings of each job. */
@Injectable()
export class StatementHistory {
  constructor(private readonly dataSource: DataSource) {}

  /** For each statement, the one on record with the latest closing date before its own (one query). */
  async previous(source: string, statements: readonly CheckedStatement[]): Promise<Map<string, RecordedStatement>> {
    const closed = statements.filter((statement) => statement.closing !== undefined);
    if (closed.length === 0) return new Map();
    const rows: { key: string; account: string; currency: string; opening_amount: string | null; opening_date: string | null; closing_amount: string; closing_date: string }[] =
      await this.dataSource.query(
        `SELECT wanted.key, previous.* FROM unnest($2::text[], $3::text[], $4::text[], $5::date[]) AS wanted (key, account, currency, closing_date)
         CROSS JOIN LATERAL (
           SELECT account, currency, opening_amount::text AS opening_amount, to_char(opening_date, 'YYYY-MM-DD') AS opening_date,
                  closing_amount::text AS closing_amount, to_char(closing_date, 'YYYY-MM-DD') AS closing_date
           FROM recon_statements s
           WHERE s.source = $1 AND s.account = wanted.account AND s.currency = wanted.currency AND s.closing_date < wanted.closing_date
           ORDER BY s.closing_date DESC, s.id DESC LIMIT 1
         ) previous`,
        [source, closed.map((s) => s.key), closed.map((s) => accountKey(s.account)), closed.map((s) => s.currency), closed.map((s) => s.closing!.date)],
      );
    return new Map(
      rows.map((row) => [
        row.key,
        {
          account: row.account,
          currency: row.currency,
          openingAmount: row.opening_amount === null ? null : new Decimal(row.opening_amount),
          openingDate: row.opening_date,
          closingAmount: new Decimal(row.closing_amount),
          closingDate: row.closing_date,
        },
      ]),
    );
  }

  /** Inside the transaction that completes the job: its statements become the history the next file is checked against. */
  async record(manager: Queryable, jobId: string, source: string, statements: readonly CheckedStatement[], findings: readonly StatementFinding[]): Promise<void> {
    const closed = statements.filter((statement) => statement.closing !== undefined);
    if (closed.length > 0) {
      await manager.query(
        `INSERT INTO recon_statements (job_id, source, account, currency, statement_key, opening_amount, opening_date, closing_amount, closing_date, entries)
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::numeric[], $7::date[], $8::numeric[], $9::date[], $10::int[])`,
        [
          jobId, source, closed.map((s) => accountKey(s.account)), closed.map((s) => s.currency), closed.map((s) => storableText(s.key)), closed.map((s) => s.opening?.amount.toFixed() ?? null),
          closed.map((s) => s.opening?.date ?? null), closed.map((s) => s.closing!.amount.toFixed()), closed.map((s) => s.closing!.date), closed.map((s) => s.entries),
        ],
      );
    }
    if (findings.length > 0) {
      await manager.query(
        `INSERT INTO recon_job_findings (job_id, code, statement_key, account, message) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
        [jobId, findings.map((f) => f.code), findings.map((f) => storableText(f.statementKey)), findings.map((f) => storableText(f.account)), findings.map((f) => storableText(f.message))],
      );
    }
  }
}

/** Accounts are compared as the files spell them; a missing or overlong one still gets a stable key. */
function accountKey(account: string): string {
  const text = storableText(account.trim());
  return text.length === 0 ? '(no account)' : text.slice(0, 128);
}
