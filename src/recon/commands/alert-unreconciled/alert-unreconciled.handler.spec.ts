import { AlertUnreconciledCommand } from './alert-unreconciled.command.js';
import { AlertUnreconciledHandler } from './alert-unreconciled.handler.js';

describe('AlertUnreconciledHandler', () => {
  it('writes the alert as one log line even when the detail quotes a CSV header with a newline', async () => {
    const lines: string[] = [];
    const handler = new AlertUnreconciledHandler();
    Object.assign(handler, { logger: { warn: (line: string) => lines.push(line) } });
    const forged = 'missing column txn_id\n[Nest] 1  - 12/01/2026, 10:00:00 PM     LOG [Auth] admin logged in';
    await handler.execute(new AlertUnreconciledCommand('job-1', 'bank_csv', '2025-07-13', forged));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\n\r]/);
    expect(lines[0]).toContain('txn_id\\n[Nest] 1');
  });
});
