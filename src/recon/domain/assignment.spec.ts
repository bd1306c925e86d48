import { Decimal } from '../../common/money/decimal.js';
import { assignOneToOne } from './assignment.js';
import type { Candidate } from './matcher.js';
import { external, internal } from './testing/recon-record-builder.js';

function candidate(externalKey: string, internalKey: string, score: number, timeDiffMinutes = 0, amountDiff = '0'): Candidate {
  return {
    external: external({ key: externalKey }),
    internal: internal({ key: internalKey }),
    type: 'fuzzy',
    score,
    amountDiff: new Decimal(amountDiff),
    timeDiffMinutes,
  };
}

const pairs = (candidates: Candidate[]) => candidates.map((match) => `${match.external.key}=${match.internal.key}`);

describe('assignOneToOne', () => {
  it('gives a contested internal record to the better candidate only', () => {
    const matches = assignOneToOne([candidate('e1', 'i1', 0.85), candidate('e2', 'i1', 0.9)]);
    expect(pairs(matches)).toEqual(['e2=i1']);
  });

  it('lets the loser fall back to its next candidate', () => {
    const matches = assignOneToOne([candidate('e1', 'i1', 0.95), candidate('e2', 'i1', 0.9), candidate('e2', 'i2', 0.82)]);
    expect(pairs(matches)).toEqual(['e1=i1', 'e2=i2']);
  });

  it('breaks score ties by time difference, then amount difference', () => {
    expect(pairs(assignOneToOne([candidate('e1', 'i1', 0.9, 10), candidate('e2', 'i1', 0.9, 3)]))).toEqual(['e2=i1']);
    expect(pairs(assignOneToOne([candidate('e1', 'i1', 0.9, 3, '0.02'), candidate('e2', 'i1', 0.9, 3, '0.01')]))).toEqual(['e2=i1']);
  });

  it('breaks full ties by external key, then internal key, whatever the input order', () => {
    const tied = [candidate('e2', 'i1', 0.9), candidate('e1', 'i2', 0.9), candidate('e1', 'i1', 0.9), candidate('e2', 'i2', 0.9)];
    const expected = ['e1=i1', 'e2=i2'];
    expect(pairs(assignOneToOne(tied))).toEqual(expected);
    expect(pairs(assignOneToOne([...tied].reverse()))).toEqual(expected);
    expect(pairs(assignOneToOne([tied[1], tied[3], tied[0], tied[2]]))).toEqual(expected);
  });

  it('does not reorder or mutate its input', () => {
    const input = [candidate('e1', 'i1', 0.8), candidate('e2', 'i2', 0.9)];
    assignOneToOne(input);
    expect(pairs(input)).toEqual(['e1=i1', 'e2=i2']);
  });
});
