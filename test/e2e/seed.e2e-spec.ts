import { runCli } from '../support/run-cli.js';
import { useTestApp } from '../support/test-app.js';

describe('seed (CLI, with the API running on the same database)', () => {
  const { http } = useTestApp();

  const balances = (stdout: string) =>
    Object.fromEntries([...stdout.matchAll(/^(Internal Float|Alice|Bob)\s+([0-9a-f-]{36})\s+(-?[\d.]+) USD$/gm)].map((m) => [m[1], { id: m[2], balance: m[3] }]));

  it('creates Float, Alice and Bob, runs the three scenarios, and does not move money twice', async () => {
    const first = await runCli(['seed']);
    expect(first.code).toBe(0);
    const seeded = balances(first.stdout);
    expect(Object.fromEntries(Object.entries(seeded).map(([name, row]) => [name, row.balance]))).toEqual({ 'Internal Float': '-500.00', Alice: '450.00', Bob: '50.00' });

    const second = await runCli(['seed']);
    expect(second.code).toBe(0);
    expect(balances(second.stdout)).toEqual(seeded);

    const alice = await http().get(`/ledger/account/${seeded.Alice.id}/balance`).expect(200);
    expect(alice.body).toMatchObject({ balance: '450.00', version: 4 });
    const events = await http().get(`/ledger/events/?account_id=${seeded.Alice.id}`).expect(200);
    expect(events.body.data.map((event: { type: string }) => event.type)).toEqual(['AccountOpened', 'AccountCredited', 'AccountDebited', 'AccountCredited']);
  });

  it('exits non-zero on an unknown command', async () => {
    expect((await runCli(['no-such-command'])).code).not.toBe(0);
  });
});
