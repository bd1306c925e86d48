import { QueryFailedError } from 'typeorm';
import { describeForLog } from './error-log.js';

const forged = '\n[Nest] 1  - 12/01/2026, 10:00:00 PM     LOG [Auth] admin logged in';

describe('describeForLog', () => {
  it('leaves out what a database error echoes, keeping its SQLSTATE, routine and frames', () => {
    const driverError = Object.assign(new Error(`invalid input syntax for type timestamp with time zone: "2025-13-45${forged}"`), { code: '22007', routine: 'DateTimeParseError' });
    const error = new QueryFailedError('SELECT $1::timestamptz', [`2025-13-45${forged}`], driverError);
    const line = describeForLog(error);
    expect(line).toMatch(/^QueryFailedError: database error 22007 \(routine DateTimeParseError\)\n {4}at /);
    expect(line).not.toContain('2025-13-45');
    expect(line).not.toContain('[Nest]');
  });

  it('escapes control characters in other messages, so each log entry starts where the logger starts it', () => {
    const line = describeForLog(new Error(`bad cursor${forged}`));
    expect(line.split('\n')[0]).toBe('Error: bad cursor\\n[Nest] 1  - 12/01/2026, 10:00:00 PM     LOG [Auth] admin logged in');
    expect(line.split('\n').slice(1).every((frame) => frame.startsWith('    at '))).toBe(true);
    expect(describeForLog(`thrown\r\ntext`)).toBe('thrown\\r\\ntext');
  });
});
