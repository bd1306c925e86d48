import { Writable } from 'node:stream';
import type { ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { createLogger } from '../../observability/logger.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

describe('AllExceptionsFilter', () => {
  it('answers 500 INTERNAL_ERROR and logs the bug with its stack on the request id', () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    const requestLog = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'log' }, stream).child({ request_id: 'req-500' });
    const replies: unknown[][] = [];
    const adapterHost = { httpAdapter: { reply: (...args: unknown[]) => replies.push(args) } } as unknown as HttpAdapterHost;
    const host = { switchToHttp: () => ({ getRequest: () => ({ log: requestLog }), getResponse: () => 'reply' }) } as unknown as ArgumentsHost;

    new AllExceptionsFilter(adapterHost).catch(new TypeError('undefined is not a function'), host);

    expect(replies).toEqual([['reply', { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' }, 500]]);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', request_id: 'req-500', context: 'Errors', msg: 'undefined is not a function', err: expect.objectContaining({ type: 'TypeError', stack: expect.stringContaining('TypeError: undefined is not a function') }) }),
    ]);
  });
});
