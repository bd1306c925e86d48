import { Decimal } from '../../common/money/decimal.js';
import { ExactMatcher } from './exact-matcher.js';
import { runMatchers } from './matching-engine.js';
import { DEFAULT_MATCH_PARAMETERS, type ReconRecord } from './recon-record.js';

/** Regression: accepting 300,000 matches once overflowed the call stack (`push(...accepted)`). */
describe('runMatchers at scale', () => {
  it('matches 300,000 exact pairs without a stack overflow', () => {
    const at = new Date('2025-07-13T12:00:00Z');
    const amount = new Decimal('1.00');
    const size = 300_000;
    const side = (kind: ReconRecord['side']) => Array.from({ length: size }, (_, i): ReconRecord => ({ side: kind, key: `${kind}-${i}`, reference: `R${i}`, amount, currency: 'USD', occurredAt: at }));
    const result = runMatchers([new ExactMatcher()], side('external'), side('internal'), DEFAULT_MATCH_PARAMETERS, new Set(['USD']));
    expect(result.matches).toHaveLength(size);
  });
});
