import { Controller, Get, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthSettings } from './auth-settings.js';
import { Public, RequireScope } from './auth.decorators.js';
import { AuthGuard } from './auth.guard.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';

@RequireScope('ledger:read')
@Controller('declared')
class Declared {
  @Get() read() {}
  @RequireScope('ledger:write') @Get('w') write() {}
  @Public() @Get('open') open() {}
}

@Controller('undeclared')
class Undeclared {
  @Get() anything() {}
}

function contextFor(controller: Function, handler: Function, headers: Record<string, string> = {}) {
  const request: Record<string, unknown> = { method: 'GET', url: '/x?y=1', headers };
  const reply = { headers: {} as Record<string, string>, header(name: string, value: string) { this.headers[name] = value; } };
  const context = { getClass: () => controller, getHandler: () => handler, switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  return { context, request, reply };
}

function guard(required: boolean, principal?: Principal) {
  const settings = { requirement: { required, reason: 'test' } } as AuthSettings;
  const authenticator = { authenticate: async () => principal ?? Promise.reject(new Error('no principal in this test')) } as unknown as Authenticator;
  return new AuthGuard(new Reflector(), settings, authenticator);
}

describe('AuthGuard', () => {
  beforeAll(() => Logger.overrideLogger(false)); // the refusal is logged as an error; not noise for this run

  it('refuses a route that declares neither @Public() nor @RequireScope(), even with authentication off', async () => {
    await expect(guard(false).canActivate(contextFor(Undeclared, Undeclared.prototype.anything).context)).rejects.toMatchObject({ code: 'FORBIDDEN', kind: 'forbidden' });
  });

  it('lets public routes through without a credential and, with authentication off, declared ones too', async () => {
    await expect(guard(true).canActivate(contextFor(Declared, Declared.prototype.open).context)).resolves.toBe(true);
    await expect(guard(false).canActivate(contextFor(Declared, Declared.prototype.write).context)).resolves.toBe(true);
  });

  it('takes the handler scope over the class scope, and attaches the principal', async () => {
    const reader = guard(true, { id: 'key:1', name: 'reader', scopes: ['ledger:read'] });
    const read = contextFor(Declared, Declared.prototype.read);
    await expect(reader.canActivate(read.context)).resolves.toBe(true);
    expect(read.request.principal).toEqual({ id: 'key:1', name: 'reader', scopes: ['ledger:read'] });
    const write = contextFor(Declared, Declared.prototype.write);
    await expect(reader.canActivate(write.context)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('ledger:write') });
    expect(write.reply.headers['WWW-Authenticate']).toContain('insufficient_scope');
  });
});
