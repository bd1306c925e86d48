import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
import { ValidationFailed } from '../errors/domain-error.js';

/** How much structure one JSON body may have; checked on the raw bytes, before anything is built from them. */
export interface JsonLimits {
  /** Object keys plus array items, counted over the whole body. */
  readonly entriesMax: number;
  /** Nesting of objects and arrays. */
  readonly depthMax: number;
}

/** A route that takes bigger bodies than the rest (the transfer batch): its own byte and structure limits. */
export interface RouteBodyLimits extends JsonLimits {
  readonly path: string;
  readonly bodyBytesMax: number;
}

/**
 * 400 VALIDATION_FAILED (the code deep bodies always had): a body whose shape alone would cost more to take
 * apart than any legitimate request needs.
 */
export class JsonTooComplex extends ValidationFailed {
  constructor(problem: string) {
    super(`body: ${problem}`, [{ field: 'body', message: problem }]);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * One linear pass over the bytes (no recursion; memory bounded by the depth limit) that throws
 * JsonTooComplex as soon as the body is deeper or has more entries than allowed, so a refusal costs at most
 * one scan of the body. UTF-8 continuation bytes are never ASCII, so structural characters are found
 * reliably byte by byte. Malformed JSON is left for the real parser to name.
 */
export function assertJsonWithinLimits(bytes: Uint8Array, limits: JsonLimits): void {
  let depth = 0;
  let entries = 0;
  let inString = false;
  // An entry is a key (counted at its colon) or an array item (counted at its first byte).
  const arrayAt: boolean[] = [];
  let awaitingItem = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    if (awaitingItem && byte !== CLOSE_BRACKET) {
      awaitingItem = false;
      if (++entries > limits.entriesMax) throw tooManyEntries(limits);
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (++depth > limits.depthMax) throw new JsonTooComplex(`is nested more than ${limits.depthMax} levels deep`);
        arrayAt[depth] = byte === OPEN_BRACKET;
        awaitingItem = byte === OPEN_BRACKET;
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth -= 1;
        awaitingItem = false;
        break;
      case COLON:
        if (++entries > limits.entriesMax) throw tooManyEntries(limits);
        break;
      case COMMA:
        awaitingItem = arrayAt[depth] === true;
        break;
    }
  }
}

function tooManyEntries(limits: JsonLimits): JsonTooComplex {
  return new JsonTooComplex(`has more than ${limits.entriesMax} object keys and array items`);
}

/**
 * Replaces Nest's default `application/json` parser with one that checks the limits first and then hands
 * the body to Fastify's own JSON parser (prototype-poisoning checks, error codes and all). Must be called
 * before `app.init()`, which otherwise registers the default.
 */
export function useBoundedJsonParser(app: NestFastifyApplication, bodyLimit: number, limits: JsonLimits, routes: readonly RouteBodyLimits[] = []): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const byPath = new Map(routes.map((route) => [route.path, route]));
  // A route's own byte limit (Fastify's route bodyLimit wins over the parser's), set as the route is registered.
  fastify.addHook('onRoute', (route) => {
    const own = byPath.get(route.url);
    if (own) route.bodyLimit = own.bodyBytesMax;
  });
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const own = byPath.get((request as { routeOptions?: { url?: string } }).routeOptions?.url ?? '');
    assertJsonWithinLimits(body, own ?? limits);
    parseJson(request as Parameters<typeof parseJson>[0], body.toString('utf8'), done);
  });
}

/**
 * Nest accepts `application/x-www-form-urlencoded` by default, a second way into the DTOs around the JSON
 * limits (60,000 form fields cost seconds of validation). Tally's API is JSON (and multipart uploads), as
 * documented, so a form is refused with 415 like any other content type.
 */
export function refuseUrlEncodedForms(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, _body, done) => {
    done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('application/x-www-form-urlencoded'), undefined);
  });
}
