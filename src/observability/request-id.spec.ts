import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id.js';

const withHeaders = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  it("takes the caller's X-Request-Id, else X-Correlation-Id, else makes a UUID", () => {
    expect(requestIdOf(withHeaders({ 'x-request-id': 'lb-1', 'x-correlation-id': 'corr-1' }))).toBe('lb-1');
    expect(requestIdOf(withHeaders({ 'x-correlation-id': 'corr-1' }))).toBe('corr-1');
    expect(requestIdOf(withHeaders({}))).toMatch(uuid);
  });

  it('replaces ids that are empty, too long, repeated or not visible ASCII', () => {
    for (const value of ['', 'a b', 'x'.repeat(256), 'é', 'a\nb']) expect(requestIdOf(withHeaders({ 'x-request-id': value }))).toMatch(uuid);
    expect(requestIdOf(withHeaders({ 'x-request-id': ['a', 'b'] }))).toMatch(uuid);
  });
});
