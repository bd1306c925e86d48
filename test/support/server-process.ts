import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { freePort } from '../../src/common/net/free-port.js';

/** The compiled server (`node dist/src/main.js`) as a child process of its own, for crash and replica tests. */
export class ServerProcess {
  private readonly exited: Promise<number | null>;
  output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** `as` runs it elsewhere (a copy of the app, another node binary) and as another user (uid/gid: the caller must be root). */
  static async start(env: Record<string, string>, as: { cwd?: string; execPath?: string; uid?: number; gid?: number } = {}): Promise<ServerProcess> {
    const port = await freePort();
    const { execPath = process.execPath, ...where } = as;
    const child = spawn(execPath, ['dist/src/main.js'], { ...where, env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    for (let attempt = 0; attempt < 200; attempt++) {
      const up = await fetch(`${server.url}/health`).then((r) => r.ok).catch(() => false);
      if (up) return server;
      if (child.exitCode !== null) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not start:\n${server.output}`);
  }

  http() {
    return request(this.url);
  }

  /** Sends `signal` and waits for the process to end; resolves to its exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}
