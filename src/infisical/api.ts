// Calls to Infisical's HTTP API and the one-line errors they fail with.
// An error names the call, the status, Infisical's `message` and `reqId`, and a hint; never a value.
// Every call goes through `request`, which retries transient faults (retry.ts).
import { send, type HttpRequest, type HttpResponse } from './http.js';
import {
  DEFAULT_RETRY,
  MAX_RETRY_AFTER_S,
  RETRYABLE_STATUS,
  withRetries,
  type Outcome,
  type RetryNotice,
  type RetryPolicy,
} from './retry.js';
import { info } from '../runner.js';

export interface Connection {
  domain: string;
  /** Deadline of one attempt, connection to last byte. */
  timeoutMs: number;
  /** Defaults to DEFAULT_RETRY. */
  retry?: RetryPolicy;
  /** Extra PEM CA certificates. */
  ca?: string[];
  /** Extra headers sent on every call (input extra-headers). */
  headers?: Record<string, string>;
  /** Never through a proxy (cloud metadata services). */
  direct?: boolean;
  /** What the deadline is called in a timeout message; defaults to the request-timeout input. */
  deadlineName?: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Infisical's `message` and `reqId` from an error body, if it is Infisical's JSON error shape. */
function errorDetails(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return /^\s*</.test(body) ? ' (the body is HTML, not Infisical JSON: a proxy or load balancer answered?)' : '';
  }
  if (typeof parsed !== 'object' || parsed === null) return '';
  const { message, reqId } = parsed as { message?: unknown; reqId?: unknown };
  const text = typeof message === 'string' ? oneLine(message) : Array.isArray(message) ? issues(message) : '';
  const id = typeof reqId === 'string' ? oneLine(reqId) : '';
  return `${text ? `: ${text}` : ''}${id ? ` (reqId ${id})` : ''}`;
}

/**
 * A 422's validation issues (Infisical sends zod's, each with `path` and `message`) as one line:
 * `clientSecret: Required; clientId: Required`.
 */
function issues(list: unknown[]): string {
  const lines = list.map((item) => {
    const { path, message } = (item ?? {}) as { path?: unknown; message?: unknown };
    const where = Array.isArray(path) ? path.map(String).join('.') : '';
    const what = typeof message === 'string' ? message : 'invalid';
    return where ? `${where}: ${what}` : what;
  });
  return oneLine(lines.join('; '));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

export function statusLine(status: number): string {
  return `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
}

function failed(call: string, attempts: number): string {
  return attempts > 1 ? `${call} failed after ${attempts} attempts` : `${call} failed`;
}

/**
 * Where a 3xx points (origin and path; the query of a login page's address is no use here). Redirects
 * are not followed: a login POST must not be replayed to another address.
 */
function redirectHint({ status, headers }: HttpResponse): string | undefined {
  const location = headers['location'];
  if (status < 300 || status > 399 || !location) return undefined;
  let where = 'another address';
  try {
    const url = new URL(location, 'relative:/');
    // Relative: a path on the same server, or `//host/path` on another (scheme-relative).
    const origin = url.protocol !== 'relative:' ? url.origin : url.host ? `//${url.host}` : '';
    where = `${origin}${url.pathname}`;
  } catch {
    // A Location that is not a URL: named generically.
  }
  const fix = 'point domain at Infisical itself, or add the extra-headers an access gateway needs';
  return `Redirected to ${where}, which the action does not follow: ${fix}`;
}

export function httpFailure(call: string, response: HttpResponse, hint?: string, attempts = 1): ApiError {
  hint ??= redirectHint(response);
  const details = `${statusLine(response.status)}${errorDetails(response.body)}${hint ? `. ${hint}` : ''}`;
  return new ApiError(`${failed(call, attempts)}: ${details}`, response.status);
}

/** Hints for the statuses that are retried, once the retries are used up. */
function transientHint(status: number): string {
  if (status === 429) {
    return 'Infisical is rate-limiting this identity: run fewer jobs at once, raise retries, or re-run later';
  }
  if (status === 500) return 'Infisical failed to answer: re-run later, or check the instance';
  return 'Infisical or a proxy or load balancer in front of it is unavailable: re-run later, or check them';
}

function retryLine(call: string, { outcome, next, of, waitMs, retryAfter }: RetryNotice): string {
  const reason = 'error' in outcome ? outcome.error.message : statusLine(outcome.response.status);
  const wait = `${Number((waitMs / 1000).toFixed(2))} s${retryAfter ? ' as retry-after asks' : ''}`;
  return `${call}: ${reason}; retrying in ${wait} (attempt ${next} of ${of})`;
}

/** The call's failure once retries are over, or its response for the caller to judge. */
function settle(call: Call, host: string, outcome: Outcome): HttpResponse {
  if ('error' in outcome) {
    const { message, proxy } = outcome.error;
    const where = proxy ? `${host} via proxy ${proxy}` : host;
    throw new ApiError(`${failed(call.name, outcome.attempts)}: ${message} (${where})`);
  }
  const { response, attempts, tooLongS } = outcome;
  if (tooLongS !== undefined) {
    const at = new Date(Date.now() + tooLongS * 1000);
    // A wait past the last date there is (year 275760) names no date.
    const when = Number.isNaN(at.getTime()) ? 'later' : `after ${at.toISOString().replace(/\.\d+Z$/, 'Z')}`;
    const wait = `The server asks to wait ${tooLongS} s, longer than this action waits (${MAX_RETRY_AFTER_S} s)`;
    throw httpFailure(call.name, response, `${wait}: re-run ${when}`, attempts);
  }
  if (RETRYABLE_STATUS.has(response.status)) {
    const hint = call.hint?.(response.status, response.body) ?? transientHint(response.status);
    throw httpFailure(call.name, response, hint, attempts);
  }
  return response;
}

function bodyKind(body: string): string {
  if (/^\s*</.test(body)) return 'HTML';
  return body.trim() === '' ? 'an empty body' : 'malformed JSON';
}

/** Parses a 2xx JSON body, failing with a line that names the call when it is not JSON. */
export function parseJson(call: string, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    const what = `HTTP ${response.status} answered ${bodyKind(response.body)} instead of Infisical JSON`;
    throw new ApiError(`${call} failed: ${what} (check domain)`);
  }
}

export interface Call {
  /** Names the call in messages, e.g. "Universal Auth login". */
  name: string;
  method: HttpRequest['method'];
  /** Path under the domain; or `url`, a whole URL outside Infisical (a cloud metadata service). */
  path: string;
  url?: string;
  query?: Record<string, string>;
  token?: string;
  /** Headers of this call alone (a metadata service's), after the connection's. */
  headers?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  /**
   * What to fix when the answer is a failure (status, body), for this call; for a status retried in vain
   * it replaces the default, which speaks of Infisical (a metadata service or AWS STS behind it is not).
   */
  hint?: (status: number, body: string) => string | undefined;
}

/**
 * Sends a call (to Infisical, or a metadata service), retrying transient faults with one info line per retry. Fails on a
 * network error or a retryable status once retries are over; the caller decides what any other
 * non-2xx status means.
 */
export async function request(conn: Connection, call: Call): Promise<HttpResponse> {
  const url = new URL(call.url ?? `${conn.domain}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  // The client sets the user agent itself (http.ts, USER_AGENT).
  const headers: Record<string, string> = { ...conn.headers, ...call.headers };
  if (call.token) headers['authorization'] = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  const { timeoutMs, ca, direct, deadlineName } = conn;
  const req: HttpRequest = { method: call.method, url: url.href, headers, body, timeoutMs, ca, direct, deadlineName };
  const outcome = await withRetries(
    conn.retry ?? DEFAULT_RETRY,
    () => send(req),
    (notice) => info(retryLine(call.name, notice)),
  );
  return settle(call, url.host, outcome);
}
