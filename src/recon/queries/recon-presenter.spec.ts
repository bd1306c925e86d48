import type { ReconJobDetails, ReconLogView, ReconSummaryView } from './views.js';
import { presentJob, presentLog, presentSummary, reconAmount } from './recon-presenter.js';

describe('recon presenter', () => {
  it('formats stored NUMERIC(38,4) amounts to the currency minor unit', () => {
    expect(reconAmount('1250.0000', 'USD')).toBe('1250.00');
    expect(reconAmount('0.0000', 'USD')).toBe('0.00');
    expect(reconAmount('1760.0000', 'JPY')).toBe('1760');
    expect(reconAmount('1.5000', 'KWD')).toBe('1.500');
    expect(reconAmount(null, 'USD')).toBeNull();
  });

  it('never rounds a file amount finer than the minor unit, and drops only zeros for non-ISO currencies', () => {
    expect(reconAmount('0.0050', 'USD')).toBe('0.005');
    expect(reconAmount('12.0000', 'XXX')).toBe('12');
    expect(reconAmount('12.5000', null)).toBe('12.5');
  });

  it('formats log amounts and amount differences with the row currency', () => {
    const log = { currency: 'USD', amount_diff: '0.0100', external_amount: '420.0000', internal_amount: '420.0100', reason: 'x' } as ReconLogView;
    expect(presentLog(log)).toMatchObject({ amount_diff: '0.01', external_amount: '420.00', internal_amount: '420.01', reason: 'x' });
  });

  it('formats every summary total with its currency key', () => {
    const summary = { job_id: 'j', amounts: { USD: { external: '1759.99', internal: '1760', matched_external: '0' }, JPY: { external: '5', internal: '5.0000', matched_external: '5' } } } as unknown as ReconSummaryView;
    expect(presentSummary(summary).amounts).toEqual({
      USD: { external: '1759.99', internal: '1760.00', matched_external: '0.00' },
      JPY: { external: '5', internal: '5', matched_external: '5' },
    });
  });

  describe('job parameters without server paths', () => {
    const directories = { inboxDir: '/srv/tally/data', uploadDir: '/srv/tally/.data/uploads' };
    const job = (file_path: string | null) => ({ job_id: 'j', parameters: { fuzzy_threshold: 0.8, file_path } }) as unknown as ReconJobDetails;
    const upload = '9ec15233-5457-4f78-9eb2-86791d6bceea';

    it('names an upload by its id', () => {
      expect(presentJob(job(`/srv/tally/.data/uploads/${upload}.csv`), directories).parameters).toEqual({ fuzzy_threshold: 0.8, file_path: null, upload_id: upload });
    });

    it('shows an inbox file relative to the inbox', () => {
      expect(presentJob(job('/srv/tally/data/bank/2025-07-13.csv'), directories).parameters).toEqual({ fuzzy_threshold: 0.8, file_path: 'bank/2025-07-13.csv' });
    });

    it('shows any other file by its name alone', () => {
      expect(presentJob(job('/home/ops/exports/bank_dump.csv'), directories).parameters).toEqual({ fuzzy_threshold: 0.8, file_path: null, file_name: 'bank_dump.csv' });
      expect(presentJob(job('/srv/tally/data-old/x.csv'), directories).parameters).toMatchObject({ file_name: 'x.csv' });
    });

    it('leaves a job without a file as it is', () => {
      expect(presentJob(job(null), directories).parameters).toEqual({ fuzzy_threshold: 0.8, file_path: null });
    });
  });
});
