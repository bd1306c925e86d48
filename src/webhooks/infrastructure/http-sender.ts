import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { logSafe } from '../../common/log-text.js';
import { storableText } from '../../common/storable-text.js';
import { responseExcerptBytesMax } from '../domain/limits.js';
import { WebhookSettings } from '../webhook-settings.js';
import { guardedLookup, literalAddressRefusal } from './address-guard.js';

/** What one attempt came to: the receiver's status (null when none came back) and, unless 2xx, why it failed. */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

const errorLengthMax = 500;

/**
 * POSTs one webhook body with node:http(s): keep-alive agents whose `lookup` refuses loopback, private and
 * link-local addresses at every new connection (so a receiver's DNS cannot be re-pointed inside), one deadline for
 * the whole exchange, no redirects followed (a 3xx is a failure: following it could lead anywhere).
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(private readonly settings: WebhookSettings) {
    const lookup = guardedLookup(settings.allowPrivateUrls);
    this.agents = { 'http:': new http.Agent({ keepAlive: true, lookup }), 'https:': new https.Agent({ keepAlive: true, lookup }) };
  }

  post(target: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const url = new URL(target);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = literalAddressRefusal(url, this.settings.allowPrivateUrls);
    if (refused) return Promise.resolve({ statusCode: null, error: `refused: ${refused}`, latencyMs: 0 });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (statusCode: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ statusCode, error: error === null ? null : storableText(logSafe(error)).slice(0, errorLengthMax), latencyMs: elapsed() });
      };
      const client = url.protocol === 'https:' ? https : http;
      const request = client.request(url, {
        method: 'POST',
        agent: this.agents[url.protocol as 'http:' | 'https:'],
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      });
      const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const excerpt: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < responseExcerptBytesMax) excerpt.push(chunk.subarray(0, responseExcerptBytesMax - kept));
          kept += chunk.length;
        });
        response.on('end', () => finish(status, status >= 200 && status < 300 ? null : refusal(status, Buffer.concat(excerpt).toString('utf8'))));
        response.on('error', (error) => finish(status, describe(error)));
      });
      request.on('error', (error) => finish(null, describe(error)));
      request.end(body);
    });
  }

  /** After the dispatcher's beforeApplicationShutdown has let the attempts in flight finish. */
  onApplicationShutdown(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

function refusal(status: number, excerpt: string): string {
  const note = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
  return `HTTP ${status}${note}${excerpt ? `: ${excerpt.trim()}` : ''}`;
}

function describe(error: Error & { code?: string }): string {
  return error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
}
