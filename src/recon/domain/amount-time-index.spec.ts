import { Decimal } from '../../common/money/decimal.js';
import { AmountTimeIndex } from './amount-time-index.js';
import { external, internal, minutesAfterBase, params } from './testing/recon-record-builder.js';

const keysNear = (index: AmountTimeIndex, amount: string, currency = 'USD') =>
  [...index.near(external({ key: 'probe', amount, currency }))].map((record) => record.key).sort();

describe('AmountTimeIndex', () => {
  const records = [
    internal({ key: 'a-10.00', amount: '10.00' }),
    internal({ key: 'b-10.05', amount: '10.05' }),
    internal({ key: 'c-10.10', amount: '10.10' }),
    internal({ key: 'd-10.15', amount: '10.15' }),
    internal({ key: 'e-10.05-eur', amount: '10.05', currency: 'EUR' }),
    internal({ key: 'f-late', amount: '10.05', at: minutesAfterBase(61) }),
  ];

  it('returns the neighbouring amount buckets only, in the same currency and time window', () => {
    // 10.07 / 0.05 = 201.4: buckets 200..202 hold 10.00..10.14, a superset of 10.02..10.12.
    expect(keysNear(AmountTimeIndex.build(records, params()), '10.07')).toEqual(['a-10.00', 'b-10.05', 'c-10.10']);
  });

  it('always includes partners exactly allowedAmountDiff away across a bucket boundary', () => {
    expect(keysNear(AmountTimeIndex.build(records, params()), '10.10')).toContain('b-10.05');
    expect(keysNear(AmountTimeIndex.build(records, params()), '10.10')).toContain('d-10.15');
  });

  it('with a zero tolerance buckets by exact amount', () => {
    const index = AmountTimeIndex.build(records, params({ allowedAmountDiff: new Decimal(0) }));
    expect(keysNear(index, '10.050')).toEqual(['b-10.05']);
    expect(keysNear(index, '10.06')).toEqual([]);
  });

  it('separates currencies', () => {
    expect(keysNear(AmountTimeIndex.build(records, params()), '10.05', 'EUR')).toEqual(['e-10.05-eur']);
  });
});
