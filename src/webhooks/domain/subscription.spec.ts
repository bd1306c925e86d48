import type { WebhookSubscription } from './subscription.js';
import { changeSubscription, deleteSubscription, parsePosition, pauseSubscription, resumeSubscription, rewindSubscription, rotateSecret } from './subscription.js';
import { secretsInUse } from './secret.js';

const t0 = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T11:00:00Z');
const active: WebhookSubscription = {
  id: 's1', url: 'https://hooks.example.com/', eventTypes: ['transfer.posted'], description: null, secret: 'old-secret', previousSecret: null, previousSecretExpiresAt: null,
  status: 'active', pausedAt: null, pausedReason: null, ledgerPosition: '100', reconPosition: '5', createdAt: t0, updatedAt: t0,
};

describe('a webhook subscription', () => {
  it('pauses with a reason and resumes; doing either twice changes nothing', () => {
    const paused = pauseSubscription(active, 'receiver down', later);
    expect(paused).toMatchObject({ status: 'paused', pausedAt: later, pausedReason: 'receiver down' });
    expect(pauseSubscription(paused, 'again', t0)).toBe(paused);
    expect(resumeSubscription(paused, later)).toMatchObject({ status: 'active', pausedAt: null, pausedReason: null });
    expect(resumeSubscription(active, later)).toBe(active);
  });

  it('once deleted, refuses every change but another delete', () => {
    const deleted = deleteSubscription(active, later);
    expect(deleteSubscription(deleted, later)).toBe(deleted);
    for (const change of [() => pauseSubscription(deleted, 'x', later), () => resumeSubscription(deleted, later), () => changeSubscription(deleted, {}, later), () => rotateSecret(deleted, 's', 0, later)]) {
      expect(change).toThrow(expect.objectContaining({ code: 'WEBHOOK_SUBSCRIPTION_STATE' }));
    }
  });

  it('rotates its secret: both sign during the overlap, only the new one after it (or at once with no overlap)', () => {
    const rotated = rotateSecret(active, 'new-secret', 3_600, t0);
    expect(secretsInUse(rotated, new Date(t0.getTime() + 3_599_000))).toEqual(['new-secret', 'old-secret']);
    expect(secretsInUse(rotated, new Date(t0.getTime() + 3_600_000))).toEqual(['new-secret']);
    expect(secretsInUse(rotateSecret(active, 'new-secret', 0, t0), t0)).toEqual(['new-secret']);
  });

  it('rewinds a stream to just before a position, never forward', () => {
    expect(rewindSubscription(active, 'ledger', 40n, later).ledgerPosition).toBe('39');
    expect(rewindSubscription(active, 'ledger', 1n, later).ledgerPosition).toBe('0');
    expect(rewindSubscription(active, 'ledger', 500n, later).ledgerPosition).toBe('100');
    expect(rewindSubscription(active, 'recon', 3n, later)).toMatchObject({ reconPosition: '2', ledgerPosition: '100' });
    expect(() => parsePosition('0', 'from')).toThrow();
    expect(() => parsePosition('1e3', 'from')).toThrow();
    expect(parsePosition('123456789012345678', 'from')).toBe(123456789012345678n);
  });
});
