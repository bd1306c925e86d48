import { Decimal } from '../../../common/money/decimal.js';
import { ExactMatcher } from '../../domain/exact-matcher.js';
import { FuzzyMatcher } from '../../domain/fuzzy-matcher.js';
import { runMatchers } from '../../domain/matching-engine.js';
import { DEFAULT_MATCH_PARAMETERS, type ReconRecord } from '../../domain/recon-record.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import { readCsv } from './csv-source.js';

/** The proposed data/bank_dump.csv (docs/recon-matching.md), byte for byte. */
const bankDumpCsv = `txn_id,date,amount,currency,description
BNK-0001,2025-07-13 09:15:00,"1,250.00",USD,TXN-1001
BNK-0002,2025-07-13 11:42:10,89.99,USD,TXN-1002
BNK-0003,2025-07-13 14:03:00,420.00,USD,TXN-1003
`;

const bankDumpMapping: ColumnMapping = {
  id: 'txn_id',
  reference: 'description',
  amount: 'amount',
  currency: 'currency',
  timestamp: 'date',
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
};

/** The three ledger transfers the sample is reconciled against. */
const ledgerTransfers: ReconRecord[] = [
  ['T-1001', 'TXN-1001', '1250.00', '2025-07-13T09:14:30Z'],
  ['T-1002', 'TXN-1002', '89.99', '2025-07-13T11:40:00Z'],
  ['T-1003', 'TXN1003X', '420.01', '2025-07-13T14:00:00Z'],
].map(([key, reference, amount, at]) => ({
  side: 'internal',
  key,
  reference,
  amount: new Decimal(amount),
  currency: 'USD',
  occurredAt: new Date(at),
}));

async function bankRecords(): Promise<ReconRecord[]> {
  const records: ReconRecord[] = [];
  for await (const item of readCsv([bankDumpCsv], bankDumpMapping, { businessDate: '2025-07-13', windowMinutes: 60 })) {
    if (item.kind === 'dialect') continue;
    if (item.kind === 'rejected') throw new Error(`line ${item.line}: ${item.reason}`);
    if (item.kind !== 'record') throw new Error(`unexpected ${item.kind} item`);
    records.push(item.record);
  }
  return records;
}

describe('the bank_dump.csv sample', () => {
  it('reconciles 3 bank rows against 3 ledger transfers: 2 exact matches and 1 fuzzy match scoring 0.8675', async () => {
    const result = runMatchers(
      [new ExactMatcher(), new FuzzyMatcher()],
      await bankRecords(),
      ledgerTransfers,
      DEFAULT_MATCH_PARAMETERS,
      new Set(['USD']),
    );
    const summary = result.matches.map((match) => ({
      bank: `${match.external.key} (line ${match.external.line})`,
      ledger: match.internal.key,
      type: match.type,
      score: match.score,
      amountDiff: match.amountDiff.toFixed(2),
      minutesApart: match.timeDiffMinutes,
    }));
    expect(summary).toEqual([
      { bank: 'BNK-0001 (line 2)', ledger: 'T-1001', type: 'exact', score: 1, amountDiff: '0.00', minutesApart: 0.5 },
      { bank: 'BNK-0002 (line 3)', ledger: 'T-1002', type: 'exact', score: 1, amountDiff: '0.00', minutesApart: 2 + 10 / 60 },
      { bank: 'BNK-0003 (line 4)', ledger: 'T-1003', type: 'fuzzy', score: 0.8675, amountDiff: '0.01', minutesApart: 3 },
    ]);
    expect(result.unmatchedExternal).toEqual([]);
    expect(result.unmatchedInternal).toEqual([]);
  });
});
