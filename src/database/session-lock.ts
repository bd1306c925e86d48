import pg from 'pg';

/**
 * A PostgreSQL session-level advisory lock, held on a connection of its own, for work one replica must do at a time
 * (the webhook dispatcher). The lock lives as long as the session: when the holder's process dies, PostgreSQL ends
 * the session and frees it, and a standby's next `tryHold` takes it. TCP keepalives on both ends bound how long a
 * host that vanished without closing its socket keeps it (about 25 s). A holder whose connection fails stops at
 * once: `held` is false from the moment the client reports the error.
 */
export class SessionLock {
  private client?: pg.Client;
  private holding = false;

  constructor(
    private readonly url: string,
    private readonly key: number,
    /** Shown as application_name in pg_stat_activity, so an operator can see who holds it. */
    private readonly name: string,
  ) {}

  get held(): boolean {
    return this.holding;
  }

  /** Takes the lock when it is free; true while this process holds it (and its session still answers). */
  async tryHold(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.holding) {
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.key]);
      this.holding = rows[0].locked;
      return this.holding;
    } catch {
      await this.release();
      return false;
    }
  }

  /** Ending the session is what frees the lock, also when the unlock itself could not be sent. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.holding = false;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: this.name,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // The server side too: a session whose client vanished is ended (and its lock freed) after ~25 s of silence.
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
    });
    client.on('error', () => {
      if (this.client === client) void this.release();
    });
    await client.connect();
    this.client = client;
    return client;
  }
}
