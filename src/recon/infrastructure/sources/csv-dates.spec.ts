import { FixedOffsetZone, IANAZone } from 'luxon';
import { readRowDate, type DateReading } from './csv-dates.js';

const pattern = (text: string, dateOnly: boolean): DateReading => ({ kind: 'pattern', pattern: text, dateOnly, timePatterns: ['H:mm:ss', 'H:mm'] });
const utc = FixedOffsetZone.utcInstance;

describe('readRowDate with the forms real exports use (the ones the issue quotes)', () => {
  it.each([
    ['1/7/2020', 'M/d/yyyy', '2020-01-07'],
    ['21-06-2019', 'dd-MM-yyyy', '2019-06-21'],
    ['12-Dec-2019', 'dd-MMM-yyyy', '2019-12-12'],
  ])('reads %p with %p as the booking date %p, without a time', (text, form, bookingDate) => {
    expect(readRowDate({ date: text, zone: utc }, pattern(form, true))).toEqual({
      ok: true,
      value: { precision: 'date', bookingDate, occurredAt: new Date(`${bookingDate}T00:00:00Z`) },
    });
  });

  it('reads a wall-clock time in the source time zone, and a separate time column', () => {
    const paris = IANAZone.create('Europe/Paris');
    expect(readRowDate({ date: '2021-02-03 13:12', zone: paris }, pattern('yyyy-MM-dd HH:mm', false))).toEqual({ ok: true, value: { precision: 'time', occurredAt: new Date('2021-02-03T12:12:00Z') } });
    expect(readRowDate({ date: '03/02/2021', time: '13:12:30', zone: paris }, pattern('dd/MM/yyyy', false))).toEqual({ ok: true, value: { precision: 'time', occurredAt: new Date('2021-02-03T12:12:30Z') } });
  });

  it('says plainly that a pending row is not booked, and names the pattern for any other non-date', () => {
    const pending = readRowDate({ date: 'Pending', zone: utc }, pattern('dd/MM/yyyy', true));
    expect(pending.ok === false && pending.reason).toMatch(/'Pending' is not a date \(expected dd\/MM\/yyyy.*pending/i);
    const garbage = readRowDate({ date: '2019-13-45', zone: utc }, pattern('yyyy-MM-dd', true));
    expect(garbage.ok === false && garbage.reason).toMatch(/'2019-13-45' is not a date \(expected yyyy-MM-dd/);
  });
});
