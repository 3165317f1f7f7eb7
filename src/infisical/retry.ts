// Retrying one call on transient faults: 429, 500, 502, 503, 504 and network errors (reset, refused,
// socket hang up, timeout). Exponential backoff with full jitter; `retry-after` is honoured on 429
// and 503, unless it asks for longer than MAX_RETRY_AFTER_S: then the call fails at once. 400, 401,
// 403, 404 and 422 are never retried (a retried 401 at login locks the client for 5 minutes).
import type { HttpResponse } from './http.js';
import { NetworkError } from './network-errors.js';

export interface RetryPolicy {
  /** Attempts after the first one (input `retries`, 0..10). */
  retries: number;
  /** One backoff unit, 1000 ms in production. Tests shorten it; it also scales retry-after seconds. */
  unitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, unitMs: 1000 };
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
/** The longest retry-after the action waits for. A job step should not idle for minutes. */
export const MAX_RETRY_AFTER_S = 60;
/** The longest single backoff wait, in units (reached from the 6th retry on). */
const MAX_BACKOFF_UNITS = 30;

/** Full jitter: a random wait between 0 and unit × 2^(retry-1), capped. */
export function backoffMs(retry: number, unitMs: number, random: () => number = Math.random): number {
  return Math.round(random() * unitMs * Math.min(MAX_BACKOFF_UNITS, 2 ** (retry - 1)));
}

/** Seconds a `retry-after` header asks for: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The last attempt's result: a response (any status) or a network error, and how many attempts it took. */
export type Outcome =
  { response: HttpResponse; attempts: number; tooLongS?: number } | { error: NetworkError; attempts: number };

export interface RetryNotice {
  outcome: Outcome;
  /** The attempt about to start, counting the first. */
  next: number;
  of: number;
  waitMs: number;
  retryAfter: boolean;
}

function retryAfterS(response: HttpResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  return parseRetryAfter(response.headers['retry-after']);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it gives a response that is not retryable, a permanent network error, a
 * retry-after that is too long (`tooLongS`), or the attempts run out. `onRetry` is called before each wait.
 */
export async function withRetries(
  policy: RetryPolicy,
  attempt: () => Promise<HttpResponse>,
  onRetry: (notice: RetryNotice) => void,
): Promise<Outcome> {
  const of = policy.retries + 1;
  for (let n = 1; ; n++) {
    let outcome: Outcome;
    let asked: number | undefined;
    try {
      const response = await attempt();
      outcome = { response, attempts: n };
      if (!RETRYABLE_STATUS.has(response.status)) return outcome;
      asked = retryAfterS(response);
      if (asked !== undefined && asked > MAX_RETRY_AFTER_S) return { ...outcome, tooLongS: asked };
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      outcome = { error, attempts: n };
      if (!error.transient) return outcome;
    }
    if (n >= of) return outcome;
    const waitMs = asked === undefined ? backoffMs(n, policy.unitMs) : asked * policy.unitMs;
    onRetry({ outcome, next: n + 1, of, waitMs, retryAfter: asked !== undefined });
    await sleep(waitMs);
  }
}
