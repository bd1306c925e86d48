import { dateIn, dayStartIn } from './business-day.js';
import { businessWindow } from './recon-source.js';

describe('business days in a time zone', () => {
  it('starts a UTC day at UTC midnight and a New York summer day at 04:00 UTC', () => {
    expect(new Date(dayStartIn('UTC', 2025, 7, 13)).toISOString()).toBe('2025-07-13T00:00:00.000Z');
    expect(new Date(dayStartIn('America/New_York', 2025, 7, 13)).toISOString()).toBe('2025-07-13T04:00:00.000Z');
    expect(new Date(dayStartIn('Asia/Kolkata', 2025, 7, 13)).toISOString()).toBe('2025-07-12T18:30:00.000Z');
  });

  it('gives a 23-hour day when clocks go forward and widens it by the window', () => {
    const window = businessWindow({ businessDate: '2025-03-09', windowMinutes: 60, timeZone: 'America/New_York' });
    expect(window.from.toISOString()).toBe('2025-03-09T04:00:00.000Z');
    expect(window.to.toISOString()).toBe('2025-03-10T05:00:00.000Z');
    expect(window.to.getTime() - window.from.getTime()).toBe((23 + 2) * 3_600_000);
  });

  it('keeps the UTC default and refuses an unknown zone', () => {
    const window = businessWindow({ businessDate: '2025-07-13', windowMinutes: 0 });
    expect([window.from.toISOString(), window.to.toISOString()]).toEqual(['2025-07-13T00:00:00.000Z', '2025-07-14T00:00:00.000Z']);
    expect(() => businessWindow({ businessDate: '2025-07-13', windowMinutes: 0, timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
  });

  it('names the calendar date of an instant in a zone', () => {
    expect(dateIn('America/New_York', Date.parse('2025-07-14T02:00:00Z'))).toBe('2025-07-13');
    expect(dateIn('UTC', Date.parse('2025-07-14T02:00:00Z'))).toBe('2025-07-14');
  });
});
