import { acceptOtherSpelling } from './option-spelling.js';

describe('acceptOtherSpelling', () => {
  const declared = (command: string) => (command === 'run-recon' ? ['source', 'file_path', 'account_id', 'max_time_diff_minutes'] : ['dry-run']);

  it('rewrites the dashed spelling into the declared underscore one, with a separate or an inline value', () => {
    expect(acceptOtherSpelling(['run-recon', '--file-path', 'a.csv', '--account-id=x', '--max-time-diff-minutes', '5'], declared)).toEqual([
      'run-recon',
      '--file_path',
      'a.csv',
      '--account_id=x',
      '--max_time_diff_minutes',
      '5',
    ]);
  });

  it('rewrites the underscore spelling into a declared dashed one', () => {
    expect(acceptOtherSpelling(['other', '--dry_run'], declared)).toEqual(['other', '--dry-run']);
  });

  it('leaves declared, unknown and short options, values, and everything after -- alone', () => {
    const args = ['run-recon', '--file_path', '--not-an-option', '--source=a-b', '-h', '--', '--file-path'];
    expect(acceptOtherSpelling(args, declared)).toEqual(args);
  });

  it('leaves options before the command name alone, and argument lists without a command', () => {
    expect(acceptOtherSpelling(['--file-path', 'run-recon'], declared)).toEqual(['--file-path', 'run-recon']);
    expect(acceptOtherSpelling(['--version'], declared)).toEqual(['--version']);
  });
});
