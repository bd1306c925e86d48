import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { ApiKeyStore } from '../../src/auth/api-key.store.js';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target_id: string;
  target_name: string | null;
  details: Record<string, unknown>;
  correlation_id: string | null;
}

const env = { AUTH_REQUIRED: 'true' };

describe('audit of admin actions', () => {
  const context = useTestApp(env);
  const { http } = context;
  const suffix = Date.now();
  const keys: Record<string, string> = {};
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    keys.admin = (await context.app.get(ApiKeyStore).create(`audit-admin-${suffix}`, ['admin'], { actor: 'bootstrap', correlationId: 'req-bootstrap' })).key;
    keys.reader = (await context.app.get(ApiKeyStore).create(`audit-reader-${suffix}`, ['ledger:read'], { actor: 'bootstrap' })).key;
  });

  /** Every row, page by page (two a page, so the cursor is exercised). */
  const allRows = async (): Promise<AuditRow[]> => {
    const rows: AuditRow[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
      const page: { body: { data: AuditRow[]; next_cursor: string | null } } = await http().get('/admin/audit').query(query).set(as(keys.admin)).expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      rows.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    return rows;
  };

  it('records keys created and revoked through the CLI and the store, with the actor, oldest first', async () => {
    const name = `audit-cli-${suffix}`;
    const created = await runCli(['create-api-key', '--name', name, '--scopes', 'ledger:read,recon:read'], env);
    expect(created.code).toBe(0);
    expect((await runCli(['revoke-api-key', '--name', name], env)).code).toBe(0);
    // A refused action leaves no row: the name is taken.
    await expect(context.app.get(ApiKeyStore).create(`audit-reader-${suffix}`, ['admin'], { actor: 'intruder' })).rejects.toMatchObject({ code: 'API_KEY_NAME_TAKEN' });

    const rows = await allRows();
    expect(rows.map((row) => Number(row.id))).toEqual([...rows].map((row) => Number(row.id)).sort((a, b) => a - b));
    const mine = rows.filter((row) => row.target_name?.endsWith(`-${suffix}`));
    const cliUser = `cli:${userInfo().username}`;
    expect(mine).toEqual([
      expect.objectContaining({ actor: 'bootstrap', action: 'api_key.created', target_name: `audit-admin-${suffix}`, details: { prefix: expect.stringMatching(/^tly_/), scopes: ['admin'] }, correlation_id: 'req-bootstrap' }),
      expect.objectContaining({ actor: 'bootstrap', action: 'api_key.created', target_name: `audit-reader-${suffix}`, correlation_id: null }),
      expect.objectContaining({ actor: cliUser, action: 'api_key.created', target_name: name, details: { prefix: expect.stringMatching(/^tly_/), scopes: ['ledger:read', 'recon:read'] } }),
      expect.objectContaining({ actor: cliUser, action: 'api_key.revoked', target_name: name }),
    ]);
    expect(mine[2].target_id).toBe(mine[3].target_id);
    expect(rows.some((row) => row.actor === 'intruder')).toBe(false);
    // Never the key or its hash.
    expect(JSON.stringify(rows)).not.toContain(keys.admin);
    expect(JSON.stringify(rows)).not.toContain('key_hash');
  });

  it('is readable with the admin scope only', async () => {
    expect((await http().get('/admin/audit').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await http().get('/admin/audit').set(as(keys.reader)).expect(403)).body.message).toContain('admin');
    expect((await http().get('/admin/audit?cursor=bm9wZQ').set(as(keys.admin)).expect(400)).body.code).toBe('INVALID_CURSOR');
  });

  it('is append-only', async () => {
    const dataSource = context.app.get(DataSource);
    await expect(dataSource.query(`UPDATE admin_audit SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM admin_audit`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE admin_audit`)).rejects.toThrow(/append-only/);
  });
});
