// An IPv6 literal domain through a proxy: the CONNECT target is `[address]:port`, as HTTP writes an
// authority (it went out bare, `::ffff:7f00:1:443`, which a proxy cannot split into host and port),
// and TLS inside the tunnel checks Infisical's certificate against the address. An IPv4-mapped
// loopback address, because the proxy rules bypass ::1 on their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCerts, type TestCerts } from './certs.js';
import { startFake } from './fake-infisical.js';
import { NODES, errors, runStep } from './harness.js';
import { startProxy } from './proxy.js';

const CREDS = { 'client-id': 'v6-id', 'client-secret': 'v6-secret-Lp3' };
const ADDRESS = '::ffff:7f00:1';
let certs: TestCerts;
let otherCerts: TestCerts;
const fakes: Array<Awaited<ReturnType<typeof startFake>>> = [];
const proxies: Array<Awaited<ReturnType<typeof startProxy>>> = [];

beforeAll(() => {
  certs = makeCerts(['infisical.internal.test'], [ADDRESS]);
  otherCerts = makeCerts(['infisical.internal.test'], ['127.0.0.1']);
});
afterAll(async () => {
  await Promise.all([...fakes, ...proxies].map((server) => server.close()));
});

/** A step through a proxy on `proxyAddress` to Infisical at `host` (the IPv6 literal). */
async function start(node: string, tls?: TestCerts, host = `[${ADDRESS}]`, proxyAddress?: string) {
  const fake = await startFake({
    clientId: CREDS['client-id'],
    clientSecret: CREDS['client-secret'],
    tls: tls && { key: tls.key, cert: tls.cert },
    projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'bar' } } } } } },
  });
  const proxy = await startProxy(fake.port, { address: proxyAddress });
  fakes.push(fake);
  proxies.push(proxy);
  const scheme = tls ? 'https' : 'http';
  const result = await runStep({
    node,
    inputs: {
      ...CREDS,
      'workspace-id': 'p',
      environment: 'dev',
      domain: `${scheme}://${host}:${fake.port}`,
      'ca-certificate': tls?.ca ?? certs.ca,
      retries: '0',
    },
    env: { [`${scheme}_proxy`]: proxy.url, no_proxy: undefined, NO_PROXY: undefined },
  });
  return { fake, proxy, result };
}

describe.each(NODES)('an IPv6 literal domain through a proxy, under %s', (_label, node) => {
  it.each(['http', 'https'] as const)('%s: CONNECT [address]:port, secrets exported', async (scheme) => {
    const { fake, proxy, result } = await start(node, scheme === 'https' ? certs : undefined);
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: 'bar' });
    expect(proxy.seen.map((r) => `${r.method} ${r.target}`)).toEqual([
      `CONNECT [${ADDRESS}]:${fake.port}`,
      `CONNECT [${ADDRESS}]:${fake.port}`,
    ]);
    // No warning from Node (an IP address as TLS server name would get one), which goes to stdout.
    expect(result.stdout).not.toMatch(/^\(node:\d+\)/m);
  });

  it('https: a certificate without the address is refused', async () => {
    const { fake, proxy, result } = await start(node, otherCerts);
    expect(errors(result)).toEqual([
      "Universal Auth login failed: the server's TLS certificate is not valid for this host name " +
        `(ERR_TLS_CERT_ALTNAME_INVALID) ([${ADDRESS}]:${fake.port} via proxy ${new URL(proxy.url).host})`,
    ]);
    expect(result.envText).toBe('');
  });
});

// A proxy variable with an IPv6 literal: the client hands on its host with brackets, which no name
// lookup resolves (ENOTFOUND).
describe.each(NODES)('a proxy at an IPv6 literal address, under %s', (_label, node) => {
  it.each(['http', 'https'] as const)('%s: reached, secrets exported', async (scheme) => {
    const tls = scheme === 'https' ? otherCerts : undefined;
    const { fake, proxy, result } = await start(node, tls, 'infisical.internal.test', '::1');
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: 'bar' });
    expect(proxy.seen.map((r) => r.target)).toEqual([
      `infisical.internal.test:${fake.port}`,
      `infisical.internal.test:${fake.port}`,
    ]);
  });
});
