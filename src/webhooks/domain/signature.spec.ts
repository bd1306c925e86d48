import { createHmac } from 'node:crypto';
import { documentedCheck } from '../../../test/support/webhook-receiver.js';
import { signatureHeader, signPayload } from './signature.js';

const secret = 'whsec_test-secret-of-at-least-32-characters';
const next = 'whsec_the-next-secret-0123456789abcdefgh';
const body = '{"id":"e1","type":"transfer.posted"}';
const t = 1_700_000_000;

describe('webhook signatures, checked as docs/webhooks.md tells receivers to', () => {
  it('is HMAC-SHA256 of "<t>.<body>" in hex, computed independently here', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signPayload(secret, t, body)).toBe(expected);
    expect(signatureHeader([secret], t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('sends one v1 per secret during a rotation, the newest first; each verifies with its own secret', () => {
    const header = signatureHeader([next, secret], t, body);
    expect(header.split(',')).toEqual([`t=${t}`, `v1=${signPayload(next, t, body)}`, `v1=${signPayload(secret, t, body)}`]);
    expect(documentedCheck(header, secret, body, t)).toBe(true);
    expect(documentedCheck(header, next, body, t)).toBe(true);
    expect(documentedCheck(header, 'whsec_a-third-secret-nobody-signed-with', body, t)).toBe(false);
  });

  it('fails the check for a changed body, a changed or old timestamp, or no header', () => {
    const header = signatureHeader([secret], t, body);
    expect(documentedCheck(header, secret, body.replace('e1', 'e2'), t)).toBe(false);
    expect(documentedCheck(header.replace(`t=${t}`, `t=${t + 1}`), secret, body, t)).toBe(false);
    expect(documentedCheck(header, secret, body, t + 301)).toBe(false);
    expect(documentedCheck(header, secret, body, t + 300)).toBe(true);
    expect(documentedCheck(undefined, secret, body, t)).toBe(false);
    expect(() => signatureHeader([], t, body)).toThrow();
  });
});
