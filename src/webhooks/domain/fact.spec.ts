import { parseEventTypes } from './event-types.js';
import { envelopeOf, mergeFacts, type Fact } from './fact.js';

const fact = (stream: Fact['stream'], position: string, at: string): Fact => ({
  stream, position, eventId: `${stream}-${position}`, type: stream === 'ledger' ? 'transfer.posted' : 'recon.job.completed', createdAt: new Date(at), data: {},
});

describe('facts', () => {
  it('merges the two streams by time, each keeping its own order', () => {
    const ledger = [fact('ledger', '1', '2026-01-01T00:00:01Z'), fact('ledger', '3', '2026-01-01T00:00:05Z'), fact('ledger', '5', '2026-01-01T00:00:04Z')];
    const recon = [fact('recon', '1', '2026-01-01T00:00:02Z'), fact('recon', '2', '2026-01-01T00:00:09Z')];
    expect(mergeFacts(ledger, recon).map((f) => f.eventId)).toEqual(['ledger-1', 'recon-1', 'ledger-3', 'ledger-5', 'recon-2']);
    expect(mergeFacts([], recon)).toEqual(recon);
  });

  it('wraps a fact in the documented envelope, keys in that order', () => {
    const body = envelopeOf({ ...fact('ledger', '7', '2026-01-01T00:00:01Z'), data: { amount: '1.00' } });
    expect(body).toBe('{"id":"ledger-7","type":"transfer.posted","created_at":"2026-01-01T00:00:01.000Z","stream":"ledger","position":"7","data":{"amount":"1.00"}}');
  });

  it('takes a list of known event types, without repeats', () => {
    expect(parseEventTypes(['transfer.posted', 'recon.job.failed', 'transfer.posted'], 'event_types', 16)).toEqual(['transfer.posted', 'recon.job.failed']);
    expect(() => parseEventTypes([], 'event_types', 16)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => parseEventTypes(['transfer.created'], 'event_types', 16)).toThrow(/unknown event type transfer.created/);
  });
});
