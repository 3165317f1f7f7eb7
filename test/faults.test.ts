// The fault matrix, end to end through the built dist/ against the fake Infisical: each transient
// status with and without retry-after, resets, hangs, slow answers and malformed bodies, at login and
// at listing (malformed answers: answers.test.ts). Asserts the outcome, the requests the fake saw,
// that nothing was exported on failure and that no secret leaked with debug on. Waits are shortened
// with INFISICAL_ACTION_RETRY_BASE_MS.
import { describe, expect, it } from 'vitest';
import { NODES, errors } from './harness.js';
import { CALL, expectFailure, expectSuccess, run, type Fault, type Route } from './fault-run.js';

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const HINT: Record<number, string> = {
  429: 'Infisical is rate-limiting this identity: run fewer jobs at once, raise retries, or re-run later',
  500: 'Infisical failed to answer: re-run later, or check the instance',
  502: 'Infisical or a proxy or load balancer in front of it is unavailable: re-run later, or check them',
};
HINT[503] = HINT[504] = HINT[502];
const fault = (status: number, headers: Record<string, string> = {}): Fault => ({ status, headers });
const ROUTES: Route[] = ['login', 'list'];

describe.concurrent.each(ROUTES)('transient faults at %s', (route) => {
  const call = CALL[route];

  it.each([429, 500, 502, 503, 504])('%d once: retried after a backoff, then succeeds', async (status) => {
    const r = await run(route, [fault(status)]);
    expectSuccess(r);
    expect(r.count).toBe(2);
    expect(r.retryLines).toHaveLength(1);
    expect(r.retryLines[0]).toMatch(
      new RegExp(`^${call}: HTTP ${status} ${STATUS_TEXT[status]}; retrying in [\\d.]+ s \\(attempt 2 of 4\\)$`),
    );
  });

  it.each([429, 503])('%d with retry-after: waits what it asks, then succeeds', async (status) => {
    const r = await run(route, [fault(status, { 'retry-after': '4' })]);
    expectSuccess(r);
    expect(r.count).toBe(2);
    // 4 seconds at the 5 ms test unit: 20 ms, no jitter.
    expect(r.retryLines).toEqual([
      `${call}: HTTP ${status} ${STATUS_TEXT[status]}; retrying in 0.02 s as retry-after asks (attempt 2 of 4)`,
    ]);
  });

  it.each([500, 502, 504])('%d with retry-after: the header is ignored, backoff applies', async (status) => {
    const r = await run(route, [fault(status, { 'retry-after': '3' })]);
    expectSuccess(r);
    expect(r.retryLines[0]).not.toContain('retry-after');
  });

  it.each([429, 500, 502, 503, 504])('%d every time: fails after 4 attempts naming the last cause', async (status) => {
    const r = await run(route, [fault(status), fault(status), fault(status), fault(status)]);
    expectFailure(
      r,
      `${call} failed after 4 attempts: HTTP ${status} ${STATUS_TEXT[status]}: Scripted fault (reqId req-fault). ${HINT[status]}`,
    );
    expect(r.count).toBe(4);
    expect(r.retryLines.map((line) => /attempt (\d) of 4/.exec(line)?.[1])).toEqual(['2', '3', '4']);
  });

  it.each([
    ['seconds', () => '120', 120],
    ['an HTTP date', () => new Date(Date.now() + 3_600_000).toUTCString(), 3600],
  ])('retry-after in %s beyond 60 s: fails at once saying when to retry', async (_kind, value, seconds) => {
    const r = await run(route, [fault(429, { 'retry-after': value() })]);
    const wait = 'The server asks to wait (\\d+) s, longer than this action waits \\(60 s\\)';
    const when = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
    const line = new RegExp(
      `^${call} failed: HTTP 429 Too Many Requests: Scripted fault \\(reqId req-fault\\)\\. ${wait}: re-run after ${when}$`,
    );
    expectFailure(r, line);
    expect(Number(line.exec(errors(r.result)[0] ?? '')?.[1])).toBeGreaterThan(seconds - 5);
    expect(r.count).toBe(1);
    expect(r.retryLines).toEqual([]);
  });

  // Past year 275760 there is no date to name: the step still fails naming the call and the wait.
  it('retry-after beyond any date: fails at once naming the wait', async () => {
    const r = await run(route, [fault(429, { 'retry-after': '99999999999999999999' })]);
    expectFailure(
      r,
      `${call} failed: HTTP 429 Too Many Requests: Scripted fault (reqId req-fault). The server asks to wait ` +
        '100000000000000000000 s, longer than this action waits (60 s): re-run later',
    );
    expect(r.count).toBe(1);
  });

  it('retries 0: one attempt only', async () => {
    const r = await run(route, [fault(503)], { retries: '0' });
    expectFailure(r, `${call} failed: HTTP 503 Service Unavailable: Scripted fault (reqId req-fault). ${HINT[503]}`);
    expect(r.count).toBe(1);
  });

  it('connection reset: retried', async () => {
    const r = await run(route, [{ reset: true }, { reset: true }]);
    expectSuccess(r);
    expect(r.count).toBe(3);
    expect(r.retryLines[0]).toMatch(new RegExp(`^${call}: connection reset; retrying`));
  });

  it('connection reset every time: fails naming it', async () => {
    const r = await run(route, [{ reset: true }, { reset: true }], { retries: '1' });
    expectFailure(r, `${call} failed after 2 attempts: connection reset (${r.host})`);
    expect(r.count).toBe(2);
  });

  it('a hang: the request-timeout ends the attempt, the retry succeeds', async () => {
    const r = await run(route, [{ hang: true }], { 'request-timeout': '0.3' });
    expectSuccess(r);
    expect(r.count).toBe(2);
    expect(r.retryLines[0]).toMatch(
      new RegExp(`^${call}: request-timeout of 0.3 s passed without a complete answer; retrying`),
    );
  });

  it('a hang every time: fails within the request-timeout per attempt', async () => {
    const r = await run(route, [{ hang: true }, { hang: true }], { 'request-timeout': '0.3', retries: '1' });
    expectFailure(
      r,
      `${call} failed after 2 attempts: request-timeout of 0.3 s passed without a complete answer (${r.host})`,
    );
    expect(r.count).toBe(2);
  });

  it('a slow first byte within the request-timeout: no retry', async () => {
    const r = await run(route, [{ delayMs: 300 }], { 'request-timeout': '5' });
    expectSuccess(r);
    expect(r.count).toBe(1);
    expect(r.retryLines).toEqual([]);
  });

  it('a slow first byte beyond the request-timeout: retried', async () => {
    const r = await run(route, [{ delayMs: 600 }], { 'request-timeout': '0.3' });
    expectSuccess(r);
    expect(r.count).toBe(2);
  });

  it('a body cut short by the connection closing: retried, and named when it persists', async () => {
    const r = await run(route, [{ truncate: true }, { truncate: true }], { retries: '1' });
    expectFailure(
      r,
      `${call} failed after 2 attempts: the connection closed before the whole answer arrived (${r.host})`,
    );
    expect(r.count).toBe(2);
    const ok = await run(route, [{ truncate: true }]);
    expectSuccess(ok);
    expect(ok.count).toBe(2);
  });

  it('an HTML 502 page from a proxy: named as HTML, never printed', async () => {
    const html = {
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Bad gateway from nginx</body></html>',
    };
    const r = await run(route, [html, html], { retries: '1' });
    expectFailure(
      r,
      `${call} failed after 2 attempts: HTTP 502 Bad Gateway (the body is HTML, not Infisical JSON: a proxy or load balancer answered?). ${HINT[502]}`,
    );
    expect(r.count).toBe(2);
  });
});

describe.concurrent('permanent faults are never retried', () => {
  const PERMANENT_TEXT: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    422: 'Unprocessable Entity',
  };
  it.each([
    ['login', 400, ''],
    ['login', 401, '. Check client-id and client-secret'],
    ['login', 403, '. The identity may be disabled'],
    ['login', 404, '. Check domain'],
    ['login', 422, ''],
    ['list', 400, '. Check environment and secret-path'],
    ['list', 401, '. The access token was refused'],
    ['list', 403, '. The identity lacks access'],
    ['list', 404, '. Check workspace-id'],
    ['list', 422, ''],
  ] as const)('%s %d, even with retry-after: one request, one line', async (route, status, hint) => {
    const r = await run(route, [fault(status, { 'retry-after': '1' })]);
    const start = `${CALL[route]} failed: HTTP ${status} ${PERMANENT_TEXT[status]}: Scripted fault (reqId req-fault)${hint}`;
    expectFailure(r, new RegExp(`^${start.replace(/[.()]/g, '\\$&')}`));
    expect(r.count).toBe(1);
    expect(r.retryLines).toEqual([]);
  });
});

describe.each(NODES)('a representative subset under %s', (_label, node) => {
  it('503 at login then reset at listing: both retried, secrets exported', async () => {
    const r = await run('login', [fault(503, { 'retry-after': '1' })], {}, node);
    expectSuccess(r);
    expect(r.count).toBe(2);
    const reset = await run('list', [{ reset: true }], {}, node);
    expectSuccess(reset);
    expect(reset.count).toBe(2);
  });

  it('a hang at listing with a short request-timeout fails within it', async () => {
    const r = await run('list', [{ hang: true }], { 'request-timeout': '0.3', retries: '0' }, node);
    expectFailure(r, `Listing secrets failed: request-timeout of 0.3 s passed without a complete answer (${r.host})`);
  });
});
