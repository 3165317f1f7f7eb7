// Answers that are not what Infisical sends, end to end through the built dist/: bodies that are
// not Infisical JSON, and bytes that are not HTTP/1.1. Each fails with one line naming the call,
// without a retry, without printing the body or a value, and exports nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/infisical/http.js';
import { CREDS, expectFailure, run, VALUE, type Fault } from './fault-run.js';
import { errors, runStep } from './harness.js';

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
    // A folder that is not text was taken as one: the summary failed on it ('e.replace is not a function').
    [
      'list',
      ok(`{"secrets":[{"secretKey":"FOO","secretValue":"${VALUE}","secretPath":5}]}`),
      'Listing secrets failed: entry 0 of secrets has a secretPath that is not text',
    ],
    [
      'list',
      ok(
        `{"secrets":[],"imports":[{"secretPath":"/","environment":"dev","secrets":[` +
          `{"secretKey":"FOO","secretValue":"${VALUE}","secretPath":{"a":1}}]}]}`,
      ),
      'Listing secrets failed: entry 0 of imports[0].secrets has a secretPath that is not text',
    ],
  ] as const)('%s answering %j', async (route, body, message) => {
    const r = await run(route, [body]);
    expectFailure(r, message);
    expect(r.count).toBe(1);
    expect(r.result.stdout).not.toMatch(/TypeError|at .*\.js:\d+/);
  });
});

describe('a token with a line break', () => {
  const outsideMasks = (stdout: string) =>
    stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');

  it('from a login answer is refused at login, before anything would send it or revoke it', async () => {
    const r = await run('login', [{ status: 200, body: '{"accessToken":"tok-Ab3\\r\\nX-Injected: 1"}' }]);
    expectFailure(
      r,
      "Universal Auth login failed: the answer's accessToken has characters a header cannot carry (check domain)",
    );
    expect(r.result.state['token'] ?? '').toBe('');
    expect(outsideMasks(r.result.stdout)).not.toContain('X-Injected');
  });

  it('given as the token input is never sent: the call fails naming the header, never its value', async () => {
    const r = await run('list', [], { method: 'token', token: 'tok-Cd4\nX-Injected: 1' });
    expectFailure(r, `Listing secrets failed: the header authorization cannot be sent as it is (${r.host})`);
    expect(outsideMasks(r.result.stdout)).not.toContain('X-Injected');
  });
});

// Node's HTTP parser (through @actions/http-client) reads the answer: its own words name the fault.
describe.concurrent('answers that are not HTTP/1.1 fail with one line and are not retried', () => {
  const unusable = (reason: string) => `the answer is not usable: Parse Error: ${reason}`;
  it.each([
    [
      'two content-lengths',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      unusable('Duplicate Content-Length'),
    ],
    // Node reads a body in a coding it does not know up to the close: here, nothing.
    [
      'a transfer coding other than chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
      'HTTP 200 answered an empty body instead of Infisical JSON (check domain)',
    ],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', unusable('Expected HTTP/, RTSP/ or ICE/')],
  ] as const)('%s', async (_what, raw, reason) => {
    const r = await run('list', [{ raw }]);
    const where = reason.startsWith('HTTP') ? '' : ` (${r.host})`;
    expectFailure(r, `Listing secrets failed: ${reason}${where}`);
    expect(r.count).toBe(1);
  });

  // Node ends a body whose framing breaks after the head like one cut short: retried like one.
  it('a broken chunk size: an answer cut short, retried', async () => {
    const raw = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n';
    const r = await run('list', [{ raw }, { raw }], { retries: '1' });
    expectFailure(
      r,
      `Listing secrets failed after 2 attempts: the connection closed before the whole answer arrived (${r.host})`,
    );
    expect(r.count).toBe(2);
  });
});

// A server that never stops answering: the action reads at most MAX_BODY_BYTES of one answer, so
// its memory stays bounded, and fails with one line (above 512 MiB Node cannot make the body a
// string at all, and the step ended with exit code 1 and no message).
describe('an answer larger than the action reads', () => {
  async function endless(head: Record<string, string>) {
    let sent = 0;
    let lists = 0;
    const chunk = Buffer.alloc(1 << 20, 'x');
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/auth/universal-auth/login')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accessToken: 'tok-endless-Jk8', expiresIn: 7200 }));
        return;
      }
      lists++;
      res.writeHead(200, { 'content-type': 'application/json', ...head });
      res.write('{"secrets":[{"secretKey":"A","secretValue":"');
      const more = (): void => {
        // At most 1 GiB, so that a client that reads on cannot keep the test busy forever.
        while (!res.destroyed && sent < 1 << 30) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runStep({
        inputs: { ...CREDS, 'workspace-id': 'p', environment: 'dev', domain: `http://127.0.0.1:${port}` },
        timeoutMs: 60_000,
      });
      return { result, sent, lists, host: `127.0.0.1:${port}` };
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  it.each([
    // What the server could write before the action hung up: the limit (or nothing, when the length
    // says it at once), and what the sockets buffer.
    ['streamed without a length', {}, MAX_BODY_BYTES + 64 * 2 ** 20],
    ['announced by content-length', { 'content-length': String(2 ** 40) }, 64 * 2 ** 20],
  ])(
    '%s: fails with one line, reading no more than the limit, not retried',
    { timeout: 60_000 },
    async (_what, head, most) => {
      const { result, sent, lists, host } = await endless(head);
      expect(errors(result)).toEqual([
        `Listing secrets failed: the answer is larger than ${MAX_BODY_BYTES / 2 ** 20} MiB, more than this action reads (${host})`,
      ]);
      expect(result.code).toBe(1);
      expect(result.envText).toBe('');
      expect(lists).toBe(1);
      expect(sent).toBeLessThan(most);
    },
  );
});
