// Answers that are not what Infisical sends, end to end through the built dist/: bodies that are
// not Infisical JSON, and bytes that are not HTTP/1.1. Each fails with one line naming the call,
// without a retry, without printing the body or a value, and exports nothing.
import { describe, expect, it } from 'vitest';
import { expectFailure, run, VALUE, type Fault } from './fault-run.js';

describe.concurrent('malformed answers fail with one line naming the call, never a value', () => {
  const ok = (body: string, type = 'application/json'): Fault => ({
    status: 200,
    headers: { 'content-type': type },
    body,
  });
  it.each([
    [
      'login',
      ok('<!doctype html><p>Sign in to the proxy</p>', 'text/html'),
      'Universal Auth login failed: HTTP 200 answered HTML instead of Infisical JSON (check domain)',
    ],
    [
      'login',
      ok('{"accessToken":"fake-token-abc'),
      'Universal Auth login failed: HTTP 200 answered malformed JSON instead of Infisical JSON (check domain)',
    ],
    [
      'login',
      ok('OK', 'text/plain'),
      'Universal Auth login failed: HTTP 200 answered malformed JSON instead of Infisical JSON (check domain)',
    ],
    [
      'login',
      ok(''),
      'Universal Auth login failed: HTTP 200 answered an empty body instead of Infisical JSON (check domain)',
    ],
    [
      'login',
      ok('{"expiresIn":7200}'),
      'Universal Auth login failed: the answer has no accessToken (check domain points at Infisical)',
    ],
    [
      'login',
      ok('null'),
      'Universal Auth login failed: the answer has no accessToken (check domain points at Infisical)',
    ],
    [
      'list',
      ok('<html><body>Access denied</body></html>', 'text/html'),
      'Listing secrets failed: HTTP 200 answered HTML instead of Infisical JSON (check domain)',
    ],
    [
      'list',
      ok(`{"secrets":[{"secretKey":"FOO","secretValue":"${VALUE}"`),
      'Listing secrets failed: HTTP 200 answered malformed JSON instead of Infisical JSON (check domain)',
    ],
    ['list', ok('{"imports":[]}'), 'Listing secrets failed: the answer has no secrets list'],
    ['list', ok('[1,2]'), 'Listing secrets failed: the answer has no secrets list'],
    [
      'list',
      ok(`{"secrets":[{"secretKey":"FOO","secretValue":"${VALUE}"},7]}`),
      'Listing secrets failed: entry 1 of secrets has no secretKey or secretValue',
    ],
    ['list', ok('{"secrets":[],"imports":{"a":1}}'), 'Listing secrets failed: imports is not a list'],
  ] as const)('%s answering %j', async (route, body, message) => {
    const r = await run(route, [body]);
    expectFailure(r, message);
    expect(r.count).toBe(1);
    expect(r.result.stdout).not.toMatch(/TypeError|at .*\.js:\d+/);
  });
});

describe.concurrent('answers that are not HTTP/1.1 fail with one line and are not retried', () => {
  it.each([
    [
      'two content-lengths',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'the answer has a malformed content-length',
    ],
    [
      'a transfer coding other than chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
      'the answer uses a transfer coding other than chunked',
    ],
    [
      'a broken chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n',
      'the answer has a malformed chunk',
    ],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', 'the answer is not HTTP/1.1'],
  ] as const)('%s', async (_what, raw, reason) => {
    const r = await run('list', [{ raw }]);
    expectFailure(r, `Listing secrets failed: the answer is not usable: ${reason} (${r.host})`);
    expect(r.count).toBe(1);
  });
});
