import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import { fastify, type FastifyReply, type FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Helmet's CSP, loosened only as far as the documentation pages need: Swagger UI and ReDoc are served from
 * this origin (no CDN), ReDoc injects its styles inline and runs its search index in a blob: worker.
 */
const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  workerSrc: ["'self'", 'blob:'],
  // Added per request below: sent over plain HTTP it makes a browser fetch every script over HTTPS, and
  // a server without TLS (docker-compose, a LAN address) then shows blank documentation pages.
  upgradeInsecureRequests: null,
};

export const securityHeaderOptions: FastifyHelmetOptions = { contentSecurityPolicy: { directives } };

type Header = readonly [name: string, value: string];

/**
 * Helmet's headers on every response, with `upgrade-insecure-requests` only for requests that came over HTTPS.
 *
 * Registered as is, @fastify/helmet calls helmet(options) on every request: it parses the CSP directives and
 * builds each of its middlewares again each time, for headers that depend on the options only (about 7% of
 * the CPU of a POST /ledger/transfer under load). So @fastify/helmet is asked once, at start, which headers
 * it sets, and one hook sets them from that list. (Its reply.helmet() and per-route `helmet` options, which
 * Tally does not use, go with it.)
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const plain = await helmetHeaders(securityHeaderOptions);
  const overHttps = plain.map(([name, value]): Header => (name.toLowerCase() === 'content-security-policy' ? [name, `${value};upgrade-insecure-requests`] : [name, value]));
  // Set on the raw response, in the same place among the onRequest hooks, as @fastify/helmet did: error
  // responses and replies sent by later hooks keep them. request.protocol believes X-Forwarded-Proto only
  // when TRUST_PROXY says the proxy in front may be trusted.
  app.getHttpAdapter().getInstance().addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    for (const [name, value] of request.protocol === 'https' ? overHttps : plain) reply.raw.setHeader(name, value);
    done();
  });
}

/** The headers @fastify/helmet sets with these options, named as it names them, in its order. */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Header[]> {
  const probe = fastify({ logger: false });
  const set = new Map<string, Header>();
  let headers: Header[] = [];
  try {
    // Added before helmet's hooks: records each setHeader call it makes on the raw response.
    probe.addHook('onRequest', (_request, reply, done) => {
      const { raw } = reply;
      const setHeader = raw.setHeader.bind(raw);
      raw.setHeader = (name, value) => {
        set.set(name.toLowerCase(), [name, String(value)]);
        return setHeader(name, value);
      };
      done();
    });
    await probe.register(helmet, options);
    // Taken in the handler, after every onRequest hook and before Fastify writes its own headers.
    probe.get('/', (_request, reply) => {
      headers = [...set.values()];
      return reply.send('');
    });
    await probe.inject({ url: '/' });
  } finally {
    await probe.close();
  }
  if (headers.length === 0) throw new Error('@fastify/helmet set no header: the security headers could not be read');
  return headers;
}
