import { openRawConnection, settlesWithin, type RawConnection } from '../support/raw-socket.js';
import { runCli } from '../support/run-cli.js';
import { ServerProcess } from '../support/server-process.js';

/**
 * Item 2 of "Hostile clients cannot stall, crash or confuse Tally": slow clients are cut off. The server
 * runs as its own process with short timeouts; each socket must be closed by the server within its
 * timeout plus slack (generous, for a loaded machine; nothing here measures speed).
 */
const headersTimeout = 1_000;
const requestTimeout = 2_000;
const slack = 8_000;

describe('slow clients (headers and request timeouts, AUTH_REQUIRED=true)', () => {
  let server: ServerProcess;
  let key: string;
  const trickles: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    const created = await runCli(['create-api-key', '--name', 'slow-writer', '--scopes', 'ledger:write']);
    expect(created.code).toBe(0);
    key = created.stdout.trimEnd().split('\n').at(-1)!;
    server = await ServerProcess.start({ AUTH_REQUIRED: 'true', HTTP_HEADERS_TIMEOUT_MS: String(headersTimeout), HTTP_REQUEST_TIMEOUT_MS: String(requestTimeout) });
  }, 60_000);

  afterAll(async () => {
    trickles.forEach(clearInterval);
    await server?.stop('SIGTERM');
  });

  const trickle = (connection: RawConnection, everyMilliseconds: number) => {
    const timer = setInterval(() => (connection.isClosed() ? clearInterval(timer) : connection.socket.write('1')), everyMilliseconds);
    trickles.push(timer);
  };

  it('closes sockets that never finish their headers, or send an authenticated body one byte at a time', async () => {
    const stalledHeaders = await Promise.all([1, 2].map(() => openRawConnection(server.url)));
    for (const connection of stalledHeaders) connection.socket.write('POST /ledger/account/ HTTP/1.1\r\nHost: tally\r\n');
    const slowBodies = await Promise.all([1, 2, 3].map(() => openRawConnection(server.url)));
    for (const connection of slowBodies) {
      connection.socket.write(`POST /ledger/account/ HTTP/1.1\r\nHost: tally\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[`);
      trickle(connection, 250);
    }
    // The server keeps answering others meanwhile.
    await server.http().get('/health').expect(200);
    const closedInTime = await Promise.all([
      ...stalledHeaders.map((connection) => settlesWithin(connection.closed, headersTimeout + slack)),
      ...slowBodies.map((connection) => settlesWithin(connection.closed, requestTimeout + slack)),
    ]);
    expect(closedInTime).toEqual([true, true, true, true, true]);
    for (const connection of slowBodies) expect(connection.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('answers a body without a credential with 401 at once, without waiting for the body, and closes', async () => {
    const connections = await Promise.all([1, 2, 3].map(() => openRawConnection(server.url)));
    for (const connection of connections) {
      connection.socket.write('POST /ledger/transfer/ HTTP/1.1\r\nHost: tally\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
    }
    // Well before the request timeout could have ended them: the refusal needs no body.
    const closedInTime = await Promise.all(connections.map((connection) => settlesWithin(connection.closed, requestTimeout + slack)));
    expect(closedInTime).toEqual([true, true, true]);
    for (const connection of connections) {
      expect(connection.received()).toMatch(/^HTTP\/1\.1 401/);
      expect(connection.received()).toContain('"code":"UNAUTHENTICATED"');
    }
  }, 30_000);
});
