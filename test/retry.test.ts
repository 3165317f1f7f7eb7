// The retry loop, backoff and retry-after parsing, with scripted attempts and a 1 ms time unit.
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../src/infisical/http.js';
import { NetworkError } from '../src/infisical/network-errors.js';
import { backoffMs, parseRetryAfter, withRetries, type RetryNotice } from '../src/infisical/retry.js';

const policy = { retries: 3, unitMs: 1 };

function response(status: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: '' };
}

/** Plays the scripted results in order and records the notices. */
async function play(script: Array<HttpResponse | Error>, retries = policy.retries) {
  const notices: RetryNotice[] = [];
  let calls = 0;
  const outcome = await withRetries(
    { ...policy, retries },
    () => {
      const next = script[calls++];
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? response(200));
    },
    (notice) => notices.push(notice),
  );
  return { outcome, notices, calls };
}

describe('backoffMs', () => {
  it('is full jitter: between 0 and unit × 2^(retry-1)', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(0);
    expect(backoffMs(1, 1000, () => 0.999)).toBe(999);
    expect(backoffMs(3, 1000, () => 0.5)).toBe(2000);
  });
  it('caps one wait at 30 units', () => {
    expect(backoffMs(10, 1000, () => 1)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it.each([
    ['54', 54],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 12:02:00 GMT', 120],
    ['Wed, 01 Jan 2025 11:00:00 GMT', 0],
  ])('reads %j as %d s', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
  it('rounds a date up to a whole second, never waiting less than asked', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:02 GMT', now + 500)).toBe(2);
  });
  it.each([undefined, '', '-1', '1.5', 'soon'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('withRetries', () => {
  it.each([429, 500, 502, 503, 504])('retries %d, then returns the success', async (status) => {
    const { outcome, notices, calls } = await play([response(status), response(status)]);
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ response: { status: 200 }, attempts: 3 });
    expect(notices.map((n) => [n.next, n.of])).toEqual([
      [2, 4],
      [3, 4],
    ]);
  });

  it.each([400, 401, 403, 404, 422, 501, 505])('never retries %d', async (status) => {
    const { outcome, calls } = await play([response(status)]);
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ response: { status }, attempts: 1 });
  });

  it('returns the last retryable answer when attempts run out', async () => {
    const { outcome, notices, calls } = await play([response(503), response(502), response(504)], 2);
    expect(calls).toBe(3);
    expect(notices).toHaveLength(2);
    expect(outcome).toMatchObject({ response: { status: 504 }, attempts: 3 });
  });

  it('does not retry with retries 0', async () => {
    const { outcome, calls } = await play([response(500)], 0);
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ response: { status: 500 }, attempts: 1 });
  });

  it('retries transient network errors and gives up on permanent ones at once', async () => {
    const reset = new NetworkError('connection reset', true);
    const first = await play([reset, reset, reset, reset]);
    expect(first.calls).toBe(4);
    expect(first.outcome).toMatchObject({ error: reset, attempts: 4 });
    const notFound = new NetworkError('host not found');
    const second = await play([notFound]);
    expect(second.calls).toBe(1);
    expect(second.outcome).toMatchObject({ error: notFound, attempts: 1 });
  });

  it('rethrows anything that is not a network error', async () => {
    await expect(play([new TypeError('bug')])).rejects.toThrow('bug');
  });

  it('waits what retry-after asks on 429 and 503, in units', async () => {
    const { notices } = await play([response(429, { 'retry-after': '7' }), response(503, { 'retry-after': '2' })]);
    expect(notices.map((n) => [n.waitMs, n.retryAfter])).toEqual([
      [7, true],
      [2, true],
    ]);
  });

  it('ignores retry-after on other statuses', async () => {
    const { notices } = await play([response(500, { 'retry-after': '50' })]);
    expect(notices[0]).toMatchObject({ retryAfter: false });
    expect(notices[0]?.waitMs).toBeLessThanOrEqual(1);
  });

  it('stops at once when retry-after asks for more than 60 s', async () => {
    const { outcome, notices, calls } = await play([response(429, { 'retry-after': '61' })]);
    expect(calls).toBe(1);
    expect(notices).toEqual([]);
    expect(outcome).toMatchObject({ response: { status: 429 }, attempts: 1, tooLongS: 61 });
  });

  it('accepts exactly 60 s', async () => {
    const { calls } = await play([response(503, { 'retry-after': '60' })]);
    expect(calls).toBe(2);
  });
});
