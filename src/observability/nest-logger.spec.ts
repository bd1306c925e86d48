import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { PinoNestLogger } from './nest-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  return { lines, logger: createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'debug' }, stream) };
}

describe('PinoNestLogger', () => {
  it("writes Nest's messages as JSON lines with their level, context and stack", () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.warn('authentication is off', 'Auth');
    nest.error('boom', 'Error: boom\n    at somewhere (file.js:1:1)', 'Errors');
    nest.verbose('not written at debug', 'Chatty');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' }),
      expect.objectContaining({ level: 'warn', context: 'Auth', msg: 'authentication is off' }),
      expect.objectContaining({ level: 'error', context: 'Errors', msg: 'boom', stack: 'Error: boom\n    at somewhere (file.js:1:1)' }),
    ]);
    expect(typeof lines[0].time).toBe('string');
  });

  it('redacts secret-looking fields of anything logged', () => {
    const { lines, logger } = capture();
    logger.info({ authorization: 'Bearer tly_secret', nested: { password: 'hunter2' }, req: { headers: { cookie: 'sid=1' } } }, 'x');
    expect(JSON.stringify(lines)).not.toMatch(/tly_secret|hunter2|sid=1/);
    expect(lines[0]).toMatchObject({ authorization: '[redacted]', nested: { password: '[redacted]' } });
  });
});
