// Transport end to end through the built dist/: proxies (CONNECT tunnels, as @actions/http-client makes them,
// no_proxy), a private CA given as ca-certificate, and the warning for plain http. The action talks
// to a made-up host; a loopback proxy forwards to the loopback fake.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { makeCerts, type TestCerts } from './certs.js';
import { NODES, errors, runStep, warnings, type StepOptions } from './harness.js';
import { findLeaks } from './leaks.js';
import { startProxy } from './proxy.js';

type Fake = Awaited<ReturnType<typeof startFake>>;
type Proxy = Awaited<ReturnType<typeof startProxy>>;

const HOST = 'infisical.internal.test';
const CREDS = { 'client-id': 'net-id', 'client-secret': 'net-secret-Vb7nM3qW' };
const VALUE = 'proxied-value-Kd8sL2';
const NO_PROXY_ENV = {
  https_proxy: undefined,
  HTTPS_PROXY: undefined,
  http_proxy: undefined,
  HTTP_PROXY: undefined,
  no_proxy: undefined,
  NO_PROXY: undefined,
};

let certs: TestCerts;
let httpsFake: Fake;
let httpFake: Fake;
let httpsProxy: Proxy;
let httpProxy: Proxy;

const fakeOptions = {
  clientId: CREDS['client-id'],
  clientSecret: CREDS['client-secret'],
  // Idle connections stay open far longer than a step takes: a kept one must not hold the process.
  keepAliveMs: 120_000,
  projects: { 'proj-1': { environments: { dev: { secrets: { '/': { FOO: VALUE } } } } } },
};

beforeAll(async () => {
  certs = makeCerts([HOST], ['127.0.0.1']);
  httpsFake = await startFake({ ...fakeOptions, tls: { key: certs.key, cert: certs.cert } });
  httpFake = await startFake(fakeOptions);
  httpsProxy = await startProxy(httpsFake.port);
  httpProxy = await startProxy(httpFake.port);
});
afterAll(async () => {
  await Promise.all([httpsFake.close(), httpFake.close(), httpsProxy.close(), httpProxy.close()]);
});

function step(domain: string, inputs: Record<string, string>, env: StepOptions['env'], node?: string) {
  return runStep({
    node,
    inputs: { ...CREDS, 'workspace-id': 'proj-1', environment: 'dev', domain, ...inputs },
    env: {
      ...NO_PROXY_ENV,
      ACTIONS_STEP_DEBUG: 'true',
      RUNNER_DEBUG: '1',
      INFISICAL_ACTION_RETRY_BASE_MS: '5',
      ...env,
    },
  });
}

function leaks(result: Awaited<ReturnType<typeof step>>, extra: string[] = []): string[] {
  const tokens = [...httpsFake.tokens, ...httpFake.tokens];
  return findLeaks(result.stdout, result.stderr, [CREDS['client-secret'], VALUE, ...tokens, ...extra]);
}

describe.each(NODES)('private CA and proxy under %s', (_label, node) => {
  it('accepts the HTTPS server with ca-certificate', async () => {
    const result = await step(httpsFake.url, { 'ca-certificate': certs.ca }, {}, node);
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: VALUE });
    expect(leaks(result)).toEqual([]);
  });

  it('rejects it without ca-certificate with one clear line, without retrying, exporting nothing', async () => {
    const before = httpsFake.requests.length;
    const result = await step(httpsFake.url, {}, {}, node);
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      `Universal Auth login failed: the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); ` +
        `for a private CA, set ca-certificate (${new URL(httpsFake.url).host})`,
    ]);
    expect(result.stdout).not.toContain('retrying');
    expect(httpsFake.requests.length).toBe(before);
    expect(result.envText).toBe('');
  });

  // @actions/http-client tunnels with the `tunnel` agent, which opens one CONNECT per call and keeps none.
  it('reaches a made-up https host through https_proxy with a CONNECT tunnel for login and one for listing', async () => {
    const before = httpsProxy.seen.length;
    const calls = httpsFake.count('login') + httpsFake.count('list');
    const domain = `https://${HOST}:${httpsFake.port}`;
    const result = await step(domain, { 'ca-certificate': certs.ca }, { https_proxy: httpsProxy.url }, node);
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: VALUE });
    expect(httpsProxy.seen.slice(before).map((r) => `${r.method} ${r.target}`)).toEqual([
      `CONNECT ${HOST}:${httpsFake.port}`,
      `CONNECT ${HOST}:${httpsFake.port}`,
    ]);
    expect(httpsFake.count('login') + httpsFake.count('list') - calls).toBe(2);
    expect(warnings(result)).toEqual([]);
    expect(leaks(result)).toEqual([]);
  });
});

describe('connections', () => {
  it('login and listing share one kept-alive connection (direct), which never holds the process open', async () => {
    const tls = { 'ca-certificate': certs.ca };
    const runs: Array<[Fake, string, Record<string, string>, StepOptions['env']]> = [
      [httpFake, `http://127.0.0.1:${httpFake.port}`, {}, {}],
      [httpsFake, httpsFake.url, tls, {}],
    ];
    for (const [fake, domain, inputs, env] of runs) {
      const before = fake.requests.length;
      // Killed after 15 s otherwise; the fakes keep idle connections open for 120 s.
      const result = await runStep({
        inputs: { ...CREDS, 'workspace-id': 'proj-1', environment: 'dev', domain, ...inputs },
        env: { ...NO_PROXY_ENV, ...env },
        timeoutMs: 15_000,
      });
      expect([domain, result.code, result.env]).toEqual([domain, 0, { FOO: VALUE }]);
      const seen = fake.requests.slice(before);
      expect(seen.map((r) => r.route)).toEqual(['login', 'list']);
      expect(seen[0]?.connection).toBe(seen[1]?.connection);
    }
  });
});

describe('proxies', () => {
  it('honours HTTPS_PROXY and sends the proxy credentials from its URL', async () => {
    const before = httpsProxy.seen.length;
    // Percent-decoded once, as curl does: %40 is "@", and %2541 is "%41", not "A".
    const proxy = `http://proxy-user:p%40ss%2541@127.0.0.1:${httpsProxy.port}`;
    const result = await step(
      `https://${HOST}:${httpsFake.port}`,
      { 'ca-certificate': certs.ca },
      { HTTPS_PROXY: proxy },
    );
    expect(result.env).toEqual({ FOO: VALUE });
    const seen = httpsProxy.seen.slice(before);
    const auth = `Basic ${Buffer.from('proxy-user:p@ss%41').toString('base64')}`;
    expect(seen.map((r) => r.proxyAuthorization)).toEqual([auth, auth]);
  });

  it('without ca-certificate the TLS inside the tunnel is refused too', async () => {
    const result = await step(`https://${HOST}:${httpsFake.port}`, {}, { https_proxy: httpsProxy.url });
    expect(errors(result)).toEqual([
      `Universal Auth login failed: the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); ` +
        `for a private CA, set ca-certificate (${HOST}:${httpsFake.port} via proxy 127.0.0.1:${httpsProxy.port})`,
    ]);
    expect(result.envText).toBe('');
  });

  it('tunnels plain http through http_proxy too (CONNECT, as the client does), with one warning about http', async () => {
    const before = httpProxy.seen.length;
    const domain = `http://${HOST}:${httpFake.port}`;
    const proxy = `http://fwd-user:fwd%3Apass@127.0.0.1:${httpProxy.port}`;
    const result = await step(domain, {}, { http_proxy: proxy });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: VALUE });
    const seen = httpProxy.seen.slice(before);
    expect(seen.map((r) => `${r.method} ${r.target}`)).toEqual([
      `CONNECT ${HOST}:${httpFake.port}`,
      `CONNECT ${HOST}:${httpFake.port}`,
    ]);
    const auth = `Basic ${Buffer.from('fwd-user:fwd:pass').toString('base64')}`;
    expect(seen.map((r) => r.proxyAuthorization)).toEqual([auth, auth]);
    expect(warnings(result)).toEqual([
      `domain ${HOST}:${httpFake.port} uses http://: the client secret and every secret value travel unencrypted. Use https://`,
    ]);
    expect(leaks(result, ['fwd:pass'])).toEqual([]);
  });

  it('bypasses the proxy for a host in no_proxy', async () => {
    // An IPv4-mapped loopback address: reachable, but not one the proxy rules bypass on their own.
    const domain = `http://[::ffff:7f00:1]:${httpFake.port}`;
    const proxied = httpProxy.seen.length;
    const through = await step(domain, {}, { http_proxy: httpProxy.url });
    expect(through.env).toEqual({ FOO: VALUE });
    expect(httpProxy.seen.length - proxied).toBe(2);

    const before = httpProxy.seen.length;
    const direct = await step(domain, {}, { http_proxy: httpProxy.url, no_proxy: `example.com, [::ffff:7f00:1]` });
    expect(errors(direct)).toEqual([]);
    expect(direct.env).toEqual({ FOO: VALUE });
    expect(httpProxy.seen.length).toBe(before);
    expect(warnings(direct)).toEqual([]); // loopback: no http warning
  });

  it('a proxy variable that is not a URL fails naming the variable, never its value', async () => {
    const result = await step(`https://${HOST}:${httpsFake.port}`, {}, { HTTPS_PROXY: 'proxy pw-Qe4 host:3128' });
    expect(errors(result)).toEqual([
      `Universal Auth login failed: https_proxy (or HTTPS_PROXY) is not a URL such as http://proxy.internal:3128 (${HOST}:${httpsFake.port})`,
    ]);
    expect(leaks(result, ['pw-Qe4'])).toEqual([]);
  });

  // The client reads `proxy-host:3128` as a URL of scheme `proxy-host:` without a host, and ignored it:
  // every call went direct. Another scheme (socks5) was tunnelled to as if it were an http proxy.
  it.each(['localhost:PORT', 'socks5://127.0.0.1:1080'])(
    'a proxy variable %s, not http(s)://host, fails naming the variable, before any request',
    async (value) => {
      const proxy = value.replace('PORT', String(httpProxy.port));
      const [calls, proxied] = [httpFake.requests.length, httpProxy.seen.length];
      const domain = `http://[::ffff:7f00:1]:${httpFake.port}`;
      const result = await step(domain, {}, { http_proxy: proxy });
      expect(errors(result)).toEqual([
        `Universal Auth login failed: http_proxy (or HTTP_PROXY) is not a URL such as http://proxy.internal:3128 ([::ffff:7f00:1]:${httpFake.port})`,
      ]);
      expect([httpFake.requests.length - calls, httpProxy.seen.length - proxied]).toEqual([0, 0]);
    },
  );

  // http://… that is no URL (the client decodes the credentials too) was read as no proxy at all: direct.
  it.each(['http://u:50%off@127.0.0.1:PORT', 'http://127.0.0.1:99999', 'http://proxy host:PORT'])(
    'a proxy variable %s the client cannot read fails naming the variable, before any request',
    async (value) => {
      const [calls, proxied] = [httpFake.requests.length, httpProxy.seen.length];
      const domain = `http://[::ffff:7f00:1]:${httpFake.port}`;
      const result = await step(domain, {}, { HTTP_PROXY: value.replace('PORT', String(httpProxy.port)) });
      expect(errors(result)).toEqual([
        `Universal Auth login failed: http_proxy (or HTTP_PROXY) is not a URL such as http://proxy.internal:3128 ([::ffff:7f00:1]:${httpFake.port})`,
      ]);
      expect([httpFake.requests.length - calls, httpProxy.seen.length - proxied]).toEqual([0, 0]);
      expect(leaks(result, ['50%off'])).toEqual([]);
    },
  );

  it('a proxy variable the client cannot read is no matter for a host no_proxy bypasses', async () => {
    const domain = `http://[::ffff:7f00:1]:${httpFake.port}`;
    const env = { HTTP_PROXY: 'http://u:50%off@127.0.0.1:1', no_proxy: '[::ffff:7f00:1]' };
    const result = await step(domain, {}, env);
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: VALUE });
  });

  it('a proxy that cannot be reached is named, by host and port only', async () => {
    const result = await step(
      `https://${HOST}:${httpsFake.port}`,
      { retries: '0' },
      { https_proxy: 'http://u:pw-Lk2@127.0.0.1:1' },
    );
    expect(errors(result)).toEqual([
      `Universal Auth login failed: connection refused (${HOST}:${httpsFake.port} via proxy 127.0.0.1:1)`,
    ]);
    expect(leaks(result, ['pw-Lk2'])).toEqual([]);
  });

  it('a proxy that accepts and never answers fails within request-timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const proxy = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const result = await step(
        `https://${HOST}:${httpsFake.port}`,
        { 'request-timeout': '0.3', retries: '1' },
        { https_proxy: proxy },
      );
      expect(errors(result)).toEqual([
        'Universal Auth login failed after 2 attempts: request-timeout of 0.3 s passed without a complete answer ' +
          `(${HOST}:${httpsFake.port} via proxy ${new URL(proxy).host})`,
      ]);
      expect(result.envText).toBe('');
    } finally {
      silent.close();
    }
  });

  it.each([
    [407, '1', '', ' (check the credentials in the proxy URL)', 1],
    [503, '1', ' after 2 attempts', '', 2],
  ])(
    'a proxy refusing the tunnel with %d: retried only when transient',
    async (status, retries, after, hint, tries) => {
      const refusing = await startProxy(httpsFake.port, { refuseConnect: status });
      try {
        const result = await step(`https://${HOST}:${httpsFake.port}`, { retries }, { https_proxy: refusing.url });
        expect(errors(result)).toEqual([
          `Universal Auth login failed${after}: proxy 127.0.0.1:${refusing.port} refused the tunnel with HTTP ${status}${hint} ` +
            `(${HOST}:${httpsFake.port})`,
        ]);
        expect(refusing.seen).toHaveLength(tries);
      } finally {
        await refusing.close();
      }
    },
  );

  it('an https:// proxy URL for a plain-http proxy fails with one line naming the proxy, never its credentials', async () => {
    const result = await step(
      `https://${HOST}:${httpsFake.port}`,
      { 'ca-certificate': certs.ca, retries: '0' },
      { https_proxy: `https://user:pr0xy-pass@127.0.0.1:${httpsProxy.port}` },
    );
    expect(errors(result)).toEqual([
      `Universal Auth login failed: the connection to proxy 127.0.0.1:${httpsProxy.port} failed (EPROTO): ` +
        `is it an http:// proxy given as https://? (${HOST}:${httpsFake.port})`,
    ]);
    expect(leaks(result, ['pr0xy-pass'])).toEqual([]);
    expect(result.envText).toBe('');
  });

  it('retries through the proxy like anywhere else', async () => {
    httpFake.fault('list', { status: 502 });
    const before = httpFake.count('list');
    const result = await step(`http://${HOST}:${httpFake.port}`, {}, { http_proxy: httpProxy.url });
    expect(result.env).toEqual({ FOO: VALUE });
    expect(httpFake.count('list') - before).toBe(2);
    expect(result.stdout).toMatch(/^Listing secrets: HTTP 502 Bad Gateway; retrying in [\d.]+ s \(attempt 2 of 4\)$/m);
  });
});
