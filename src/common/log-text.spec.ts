import { logSafe } from './log-text.js';

describe('logSafe', () => {
  it('escapes every character that could end a log line or drive a terminal', () => {
    const forged = 'x\n[Nest] 1  - 12/01/2026 LOG [Auth] admin logged in\r\u2028\u0000\u001b[31m\u0085\t';
    const safe = logSafe(forged);
    expect(safe).toBe('x\\n[Nest] 1  - 12/01/2026 LOG [Auth] admin logged in\\r\\u2028\\u0000\\u001b[31m\\u0085\\t');
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('leaves ordinary text alone', () => {
    expect(logSafe('bank_csv 2025-07-13: 2 unmatched (ünïcödé, 😀)')).toBe('bank_csv 2025-07-13: 2 unmatched (ünïcödé, 😀)');
  });
});
