// Infisical Cloud's rate limits (a self-hosted server has none unless licensed): a fixed window of
// 60 s per route; every answer carries x-ratelimit-limit, -remaining and -reset (seconds left), and
// one over the limit answers 429 RateLimitExceeded with retry-after, never more than 60 s.
import { error } from './errors.js';

const WINDOW_MS = 60_000;

/** @param {Record<string, number>} limits requests a minute, per route name */
export function createRateLimit(limits) {
  /** @type {Map<string, { start: number, count: number }>} */
  const windows = new Map();

  /**
   * Counts a request; answers 429 and returns true when it is over the limit, else sets the
   * x-ratelimit headers on `res` and returns false.
   * @param {string} route @param {import('node:http').ServerResponse} res
   */
  return function limited(route, res) {
    const limit = limits[route];
    if (limit === undefined) return false;
    const now = Date.now();
    let window = windows.get(route);
    if (!window || now - window.start >= WINDOW_MS) windows.set(route, (window = { start: now, count: 0 }));
    window.count += 1;
    const reset = String(Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)));
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
      'x-ratelimit-reset': reset,
    };
    if (window.count <= limit) {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      return false;
    }
    const message = `Rate limit exceeded. Please try again in ${reset} seconds`;
    error(res, 429, message, 'RateLimitExceeded', { ...headers, 'retry-after': reset });
    return true;
  };
}
