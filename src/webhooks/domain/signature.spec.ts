import { createHmac } from 'node:crypto';
import { signatureHeader, signPayload, verifySignature } from './signature.js';

const secret = 'whsec_test-secret-of-at-least-32-characters';
const body = '{"id":"e1","type":"transfer.posted"}';

describe('webhook signatures', () => {
  it('is HMAC-SHA256 of "<t>.<body>" in hex, computed independently here', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signPayload(secret, 1700000000, body)).toBe(expected);
    expect(signatureHeader([secret], 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('sends one v1 per secret during a rotation, the newest first; each verifies with its own secret', () => {
    const header = signatureHeader(['new-secret-0123456789abcdef0123456789', secret], 1700000000, body);
    expect(header.split(',')).toHaveLength(3);
    expect(verifySignature(header, secret, body, 1700000000)).toBe('ok');
    expect(verifySignature(header, 'new-secret-0123456789abcdef0123456789', body, 1700000000)).toBe('ok');
    expect(verifySignature(header, 'a-third-secret-nobody-signed-with-at-all', body, 1700000000)).toBe('mismatch');
  });

  it('refuses a changed body, a changed timestamp, an old timestamp and malformed headers', () => {
    const header = signatureHeader([secret], 1700000000, body);
    expect(verifySignature(header, secret, body.replace('e1', 'e2'), 1700000000)).toBe('mismatch');
    expect(verifySignature(header.replace('t=1700000000', 't=1700000001'), secret, body, 1700000000)).toBe('mismatch');
    expect(verifySignature(header, secret, body, 1700000000 + 301)).toBe('stale');
    expect(verifySignature(header, secret, body, 1700000000 - 301)).toBe('stale');
    expect(verifySignature(header, secret, body, 1700000000 + 300)).toBe('ok');
    expect(verifySignature(undefined, secret, body, 1700000000)).toBe('missing');
    for (const bad of ['v1=abc', 't=1,t=2,v1=' + 'a'.repeat(64), 't=x,v1=' + 'a'.repeat(64), 't=1700000000', 't=1700000000,v1=' + 'g'.repeat(64)]) {
      expect(verifySignature(bad, secret, body, 1700000000)).toBe('malformed');
    }
  });
});
