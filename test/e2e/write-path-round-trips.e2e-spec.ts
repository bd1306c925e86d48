import pg from 'pg';
import { useTestApp } from '../support/test-app.js';

/**
 * A regression test of the write path's cost: it wraps the pg client and counts what each connection sends
 * while transfers are posted concurrently. Every batch is at most two round trips (read, then one statement
 * that appends and commits), and nothing at all is sent after that commit.
 */
describe('write path round trips', () => {
  const context = useTestApp();
  const { ledger } = context;

  it('posts concurrent transfers in batches of at most two round trips each, with nothing written after the commit', async () => {
    const float = await ledger.openAccount({ type: 'internal', allow_overdraft: true });
    const payees = await Promise.all(Array.from({ length: 10 }, () => ledger.openAccount()));

    const sent: { client: pg.Client; what: string }[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const what = typeof config === 'string' ? config : ((config as { name?: string; text?: string }).name ?? (config as { text: string }).text);
      sent.push({ client: this, what });
      return (query as (...args: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof query;
    let responses;
    try {
      responses = await Promise.all(Array.from({ length: 60 }, (_, i) => ledger.transfer(float, payees[i % 10], '1.00')));
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(responses.every((response) => response.status === 201)).toBe(true);

    // Only the write path's two statements went over the connections it used while the requests ran. Other
    // connections are the background's own (the dispatcher's lock, the revocation listener): their pings, which
    // a loaded machine stretches this window over, are not the write path's round trips.
    const isWrite = (what: string) => what === 'tally_write_read' || what === 'tally_write_append';
    const writeClients = new Set(sent.filter(({ what }) => isWrite(what)).map(({ client }) => client));
    expect(sent.filter(({ client, what }) => writeClients.has(client) && !isWrite(what)).map(({ what }) => what)).toEqual([]);
    // On each connection, every read is followed by its append (or by the next batch's read when nothing was
    // accepted): never a third statement, and never anything after the append.
    for (const client of new Set(sent.map((s) => s.client))) {
      const sequence = sent.filter((s) => s.client === client).map((s) => s.what);
      sequence.forEach((what, i) => {
        if (what === 'tally_write_append') expect(sequence[i - 1]).toBe('tally_write_read');
      });
    }
    const batches = sent.filter(({ what }) => what === 'tally_write_read').length;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(60);
    expect(sent.filter(({ what }) => what === 'tally_write_append')).toHaveLength(batches);
    expect(await ledger.balance(float)).toBe('-60.00');
  });
});
