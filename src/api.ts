// Calls to Infisical's HTTP API and the one-line errors they fail with.
// An error names the call, the status, Infisical's `message` and `reqId`, and a hint; never a value.
import { send, type HttpRequest, type HttpResponse } from './http.js';

export interface Connection {
  domain: string;
  timeoutMs: number;
  ca?: string;
  headers?: Record<string, string>;
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
  const text = typeof message === 'string' ? oneLine(message) : '';
  const id = typeof reqId === 'string' ? oneLine(reqId) : '';
  return `${text ? `: ${text}` : ''}${id ? ` (reqId ${id})` : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

export function httpFailure(call: string, response: HttpResponse, hint?: string): ApiError {
  const status = `HTTP ${response.status}${STATUS_TEXT[response.status] ? ` ${STATUS_TEXT[response.status]}` : ''}`;
  return new ApiError(`${call} failed: ${status}${errorDetails(response.body)}${hint ? `. ${hint}` : ''}`, response.status);
}

/** Parses a 2xx JSON body, failing with a line that names the call when it is not JSON. */
export function parseJson(call: string, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    const kind = /^\s*</.test(response.body) ? 'HTML' : response.body.trim() === '' ? 'an empty body' : 'malformed JSON';
    throw new ApiError(`${call} failed: HTTP ${response.status} answered ${kind} instead of Infisical JSON (check domain)`);
  }
}

export interface Call {
  /** Names the call in messages, e.g. "Universal Auth login". */
  name: string;
  method: HttpRequest['method'];
  path: string;
  query?: Record<string, string>;
  token?: string;
  form?: Record<string, string>;
  json?: unknown;
}

/** Sends a call to Infisical; the caller decides what a non-2xx status means. */
export async function request(conn: Connection, call: Call): Promise<HttpResponse> {
  const url = new URL(`${conn.domain}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { 'user-agent': 'infisical-secrets-action', ...conn.headers };
  if (call.token) headers['authorization'] = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  try {
    return await send({ method: call.method, url: url.href, headers, body, timeoutMs: conn.timeoutMs, ca: conn.ca });
  } catch (error) {
    throw new ApiError(`${call.name} failed: ${(error as Error).message} (${url.host})`);
  }
}
