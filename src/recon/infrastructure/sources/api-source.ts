import { DomainError, ValidationFailed } from '../../../common/errors/domain-error.js';
import { sourceRecordsPerJobMax } from '../../domain/limits.js';
import { businessWindow, type ReconSource, type SourceItem, type SourceReadRequest, type TimeWindow } from '../../domain/recon-source.js';
import {
  apiRecordToItem,
  describeJson,
  readPath,
  type ApiFieldPaths,
  type ApiRecordContext,
  type ApiSignConvention,
} from './api-record.js';

export type { ApiFieldPaths, ApiSignConvention } from './api-record.js';

/** How the API splits its results over several responses. */
export type ApiPagination =
  | {
      readonly type: 'cursor';
      /** Dotted path of the next cursor in the response body; null, absent or '' marks the last page. */
      readonly cursorPath: string;
      /** Query parameter that carries the cursor on the next request (absent on the first). */
      readonly cursorParam: string;
    }
  | {
      readonly type: 'page';
      /** Query parameter that carries the page number; a page with no records ends the iteration. */
      readonly pageParam: string;
      /** Number of the first page; default 1 (some APIs count from 0). */
      readonly startPage?: number;
    }
  | { readonly type: 'none' };

export interface ApiSourceOptions {
  /**
   * http(s) URL of the records endpoint. Placeholders: `{date}` is the business date (YYYY-MM-DD), `{from}`
   * and `{to}` the ISO instants of `businessWindow(request)` (to is exclusive); values are URL-encoded.
   * Example: `https://psp.example/v1/transactions?date={date}`.
   */
  readonly url: string;
  /**
   * Request headers. Values may reference environment variables as `${ENV_NAME}` (e.g.
   * `Bearer ${PSP_TOKEN}`), resolved from process.env at read time so secrets stay out of the config file.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Dotted path of the records array in the response body, e.g. `data` or `result.items`. */
  readonly recordsPath: string;
  /** Default `{ type: 'none' }`: a single request. */
  readonly pagination?: ApiPagination;
  /** Where each record keeps the fields a reconciliation needs. */
  readonly fields: ApiFieldPaths;
  /**
   * Default 'absolute': amounts are unsigned and a sign is rejected; 'negative_is_debit': a leading '-'
   * marks a debit. The stored amount is always positive, as with the CSV mapping.
   */
  readonly signConvention?: ApiSignConvention;
  /** Per request, covering the response body too; default 10000. */
  readonly timeoutMs?: number;
  /**
   * Default 1000. Most requests one read may make (for 'page', the final empty page counts). Reaching it with
   * more pages to go throws instead of truncating, because a silently partial day reconciles wrongly.
   */
  readonly pagesMax?: number;
  /** Extra attempts after a network error, a timeout, a 5xx or a 429, with a short backoff; default 2. */
  readonly retries?: number;
}

/** The options with defaults applied. */
interface ResolvedOptions extends ApiSourceOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly pagination: ApiPagination;
  readonly signConvention: ApiSignConvention;
  readonly timeoutMs: number;
  readonly pagesMax: number;
  readonly retries: number;
}

const timeoutMsMax = 600_000;
const retriesMax = 10;
/** Doubles on every retry: long enough for a brief hiccup to pass, short enough not to stall a job. */
const retryBackoffMs = 200;
const urlPlaceholder = /\{([^{}]*)\}/g;
const urlPlaceholders: ReadonlySet<string> = new Set(['date', 'from', 'to']);
const envReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const dottedPath = /^[^.]+(?:\.[^.]+)*$/;

/**
 * Reads external records (e.g. a payment provider's transactions) from an HTTP JSON API, page by page:
 * the next page is requested only when the consumer has taken the previous one's items. Records that
 * cannot be read become `rejected` items carrying their 1-based index across all pages.
 */
export class ApiSource implements ReconSource {
  private readonly options: ResolvedOptions;

  /** Throws ValidationFailed naming the option, so misconfiguration surfaces before a job starts. */
  constructor(
    options: ApiSourceOptions,
    readonly name = 'api',
  ) {
    this.options = resolveApiOptions(options);
  }

  async *read(request: SourceReadRequest): AsyncGenerator<SourceItem> {
    const window = businessWindow(request);
    const { fields, signConvention } = this.options;
    const context: ApiRecordContext = { fields, signConvention, window };
    let index = 0;
    for await (const records of this.pages(request.businessDate, window)) {
      for (const record of records) {
        index += 1;
        if (index > sourceRecordsPerJobMax) throw sourceInvalid(`${this.name}: the API returned more than ${sourceRecordsPerJobMax} records`);
        yield apiRecordToItem(record, index, context);
      }
    }
  }

  /** Yields each page's records array; throws RECON_SOURCE_FAILED for a failed or malformed response. */
  private async *pages(businessDate: string, window: TimeWindow): AsyncGenerator<readonly unknown[]> {
    const { pagination, pagesMax, recordsPath } = this.options;
    const baseUrl = expandUrl(this.options.url, businessDate, window);
    // Resolved before the first request, so a missing secret fails fast instead of as an HTTP 401.
    const headers = resolveHeaders(this.options.headers);
    let param = pagination.type === 'page' ? String(pagination.startPage ?? 1) : undefined;
    for (let page = 1; ; page += 1) {
      const url = withParam(baseUrl, pagination, param);
      if (page > pagesMax) {
        throw sourceInvalid(`${this.name}: more than ${pagesMax} pages from ${redactUrl(url)}; raise pagesMax or narrow the query`);
      }
      const request = { url, page, headers };
      const body = await this.fetchJson(request);
      const records = readPath(body, recordsPath);
      if (!Array.isArray(records)) {
        const found = records === undefined ? 'missing' : `${describeJson(records)}, not an array`;
        throw this.failed(request, `recordsPath '${recordsPath}' is ${found}`);
      }
      if (pagination.type === 'page' && records.length === 0) return;
      yield records;
      const next = this.nextParam(body, param, request);
      if (next === undefined) return;
      param = next;
    }
  }

  /** The pagination parameter for the following request, or undefined after the last page. */
  private nextParam(body: unknown, current: string | undefined, request: PageRequest): string | undefined {
    const { pagination } = this.options;
    if (pagination.type === 'none') return undefined;
    if (pagination.type === 'page') return String(Number(current) + 1);
    const cursor = readPath(body, pagination.cursorPath);
    if (cursor === undefined || cursor === null || cursor === '') return undefined;
    if (typeof cursor !== 'string' && typeof cursor !== 'number') {
      throw this.failed(request, `the cursor at '${pagination.cursorPath}' is ${describeJson(cursor)}, not a string`);
    }
    // A cursor that does not move would loop until pagesMax; say what actually went wrong instead.
    if (String(cursor) === current) throw this.failed(request, `the API returned the same cursor '${current}' again`);
    return String(cursor);
  }

  /** GET with timeout and retries; the body must be JSON. */
  private async fetchJson(request: PageRequest): Promise<unknown> {
    const { retries, timeoutMs } = this.options;
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await fetchOnce(request, timeoutMs);
      if (outcome.ok) {
        try {
          return JSON.parse(outcome.text) as unknown;
        } catch {
          throw this.failed(request, 'the response body is not JSON');
        }
      }
      if (!outcome.retryable || attempt >= retries) {
        throw this.failed(request, attempt === 0 ? outcome.problem : `${outcome.problem} (after ${attempt + 1} attempts)`);
      }
      await sleep(retryBackoffMs * 2 ** attempt);
    }
  }

  private failed(request: PageRequest, problem: string): DomainError {
    const message = `${this.name}: GET ${redactUrl(request.url)} (page ${request.page}) failed: ${problem}`;
    return new DomainError('RECON_SOURCE_FAILED', 'unavailable', message);
  }
}

interface PageRequest {
  readonly url: URL;
  /** 1-based count of requests in this read, for messages. */
  readonly page: number;
  readonly headers: Headers;
}

type FetchOutcome =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly retryable: boolean; readonly problem: string };

/** One attempt; the timeout covers the body as well, since a stalled body hangs a job just like no answer. */
async function fetchOnce(request: PageRequest, timeoutMs: number): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(request.url, { headers: request.headers, signal: controller.signal });
    if (!response.ok) {
      // Releases the connection; the error body is not shown because it may echo request secrets.
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status >= 500 || response.status === 429;
      return { ok: false, retryable, problem: `HTTP ${response.status}` };
    }
    return { ok: true, text: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, retryable: true, problem: `no response within ${timeoutMs} ms` };
    return { ok: false, retryable: true, problem: `network error (${networkCause(error)})` };
  } finally {
    clearTimeout(timer);
  }
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sourceInvalid(message: string): DomainError {
  return new DomainError('RECON_SOURCE_INVALID', 'validation', message);
}

function expandUrl(template: string, businessDate: string, window: TimeWindow): URL {
  const values: Record<string, string> = { date: businessDate, from: window.from.toISOString(), to: window.to.toISOString() };
  return new URL(template.replace(urlPlaceholder, (_, name: string) => encodeURIComponent(values[name])));
}

function withParam(base: URL, pagination: ApiPagination, value: string | undefined): URL {
  const url = new URL(base);
  if (value === undefined || pagination.type === 'none') return url;
  url.searchParams.set(pagination.type === 'cursor' ? pagination.cursorParam : pagination.pageParam, value);
  return url;
}

/** Query values (and userinfo) may carry API keys, so messages keep only the parameter names. */
export function redactUrl(url: URL): string {
  const names = [...new Set(url.searchParams.keys())];
  return `${url.origin}${url.pathname}${names.length === 0 ? '' : `?${names.map((name) => `${name}=…`).join('&')}`}`;
}

/** Substitutes `${ENV_NAME}` references; a missing variable is a configuration error naming it. */
function resolveHeaders(configured: Readonly<Record<string, string>>): Headers {
  const headers = new Headers({ accept: 'application/json' });
  for (const [name, template] of Object.entries(configured)) {
    const value = template.replace(envReference, (_, variable: string) => {
      const resolved = process.env[variable];
      if (resolved === undefined || resolved === '') {
        throw sourceInvalid(`header '${name}' references the environment variable ${variable}, which is not set`);
      }
      return resolved;
    });
    // fetch would throw a TypeError for these, which would look like a network error and be retried.
    if (/[\r\n\0]/.test(value)) throw sourceInvalid(`header '${name}' contains a line break after substituting variables`);
    headers.set(name, value);
  }
  return headers;
}

/**
 * Options usually come from configuration, so every value is checked at runtime; an invalid one throws
 * ValidationFailed naming the option.
 */
export function resolveApiOptions(options: ApiSourceOptions): ResolvedOptions {
  validateUrl(options.url);
  const headers = validateHeaders(options.headers ?? {});
  requirePath('recordsPath', options.recordsPath);
  const pagination = validatePagination(options.pagination ?? { type: 'none' });
  const signConvention = options.signConvention ?? 'absolute';
  if (signConvention !== 'absolute' && signConvention !== 'negative_is_debit') {
    throw ValidationFailed.field('signConvention', "must be 'absolute' or 'negative_is_debit'");
  }
  validateFields(options.fields, signConvention);
  const timeoutMs = integerOption('timeoutMs', options.timeoutMs, 10_000, 1, timeoutMsMax);
  const pagesMax = integerOption('pagesMax', options.pagesMax, 1_000, 1, Number.MAX_SAFE_INTEGER);
  const retries = integerOption('retries', options.retries, 2, 0, retriesMax);
  return { ...options, headers, pagination, signConvention, timeoutMs, pagesMax, retries };
}

function validateUrl(url: unknown): void {
  if (typeof url !== 'string') throw ValidationFailed.field('url', 'must be a string');
  for (const [, name] of url.matchAll(urlPlaceholder)) {
    if (!urlPlaceholders.has(name)) throw ValidationFailed.field('url', `unknown placeholder {${name}} (use {date}, {from} or {to})`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url.replace(urlPlaceholder, 'x'));
  } catch {
    throw ValidationFailed.field('url', 'must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw ValidationFailed.field('url', 'must be http or https');
}

function validateHeaders(headers: unknown): Readonly<Record<string, string>> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw ValidationFailed.field('headers', 'must be an object');
  for (const [name, value] of Object.entries(headers)) {
    if (!headerName.test(name)) throw ValidationFailed.field('headers', `'${name}' is not a valid header name`);
    if (typeof value !== 'string') throw ValidationFailed.field(`headers.${name}`, 'must be a string');
    // Anything left that looks like a reference is a typo (e.g. ${} or ${PSP-TOKEN}), not literal text.
    if (value.replace(envReference, '').includes('${')) {
      throw ValidationFailed.field(`headers.${name}`, 'environment references must look like ${ENV_NAME}');
    }
  }
  return headers as Readonly<Record<string, string>>;
}

function validatePagination(pagination: ApiPagination): ApiPagination {
  switch (pagination?.type) {
    case 'none':
      return pagination;
    case 'cursor':
      requirePath('pagination.cursorPath', pagination.cursorPath);
      requireParam('pagination.cursorParam', pagination.cursorParam);
      return pagination;
    case 'page':
      requireParam('pagination.pageParam', pagination.pageParam);
      integerOption('pagination.startPage', pagination.startPage, 1, 0, Number.MAX_SAFE_INTEGER);
      return pagination;
    default:
      throw ValidationFailed.field('pagination.type', "must be 'cursor', 'page' or 'none'");
  }
}

function validateFields(fields: ApiFieldPaths, signConvention: ApiSignConvention): void {
  if (typeof fields !== 'object' || fields === null) throw ValidationFailed.field('fields', 'must be an object');
  for (const field of ['id', 'reference', 'amount', 'currency', 'timestamp'] as const) requirePath(`fields.${field}`, fields[field]);
  if (fields.direction === undefined) return;
  requirePath('fields.direction', fields.direction);
  if (signConvention === 'negative_is_debit') {
    throw ValidationFailed.field(
      'fields.direction',
      "cannot be combined with signConvention 'negative_is_debit', where the sign gives the direction",
    );
  }
}

function requirePath(option: string, path: unknown): void {
  if (typeof path !== 'string' || !dottedPath.test(path))
    throw ValidationFailed.field(option, 'must be a dotted path such as data or result.items');
}

function requireParam(option: string, name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw ValidationFailed.field(option, 'must name a query parameter');
}

function integerOption(option: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw ValidationFailed.field(option, `must be an integer between ${min} and ${max}`);
  return value;
}
