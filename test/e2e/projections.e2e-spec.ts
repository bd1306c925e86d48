import { DataSource } from 'typeorm';
import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';

describe('projections:rebuild', () => {
  const context = useTestApp();
  const { http, ledger } = context;

  it('restores a corrupted balance from the event log alone, while the server runs', async () => {
    const { account } = await ledger.fundedAccount('300');
    await ledger.transfer(account, await ledger.openAccount(), '120.25').expect(201);
    const dataSource = context.app.get(DataSource);
    // The constraint on balance_floor would refuse a negative balance, so the damage stays above it.
    await dataSource.query(`UPDATE account_balances SET balance = 999, version = 1 WHERE account_id = $1`, [account]);
    await dataSource.query(`DELETE FROM account_statement_lines WHERE account_id = $1`, [account]);

    const result = await runCli(['projections:rebuild']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Corrected 1 balance\(s\)/);
    expect(result.stdout).toContain(account);

    expect((await http().get(`/ledger/account/${account}/balance`).expect(200)).body).toMatchObject({ balance: '179.75', version: 3 });
    const lines: unknown[] = await dataSource.query(`SELECT 1 FROM account_statement_lines WHERE account_id = $1`, [account]);
    expect(lines).toHaveLength(2);

    const again = await runCli(['projections:rebuild']);
    expect(again.stdout).toContain('Every stored balance already matched the log.');
  });
});
