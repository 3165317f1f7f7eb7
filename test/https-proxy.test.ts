// An https:// proxy (TLS to the proxy itself, then a CONNECT tunnel) whose certificate a private CA
// signed: ca-certificate is trusted for that connection too, as for Infisical's; the certificate is
// checked against the proxy's own name (Node took Infisical's, from the Host header); without the CA
// the failure says the proxy's certificate is not trusted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCerts, type TestCerts } from './certs.js';
import { startFake } from './fake-infisical.js';
import { NODES, errors, runStep } from './harness.js';
import { startProxy } from './proxy.js';

const HOST = 'infisical.internal.test';
const CREDS = { 'client-id': 'tls-proxy-id', 'client-secret': 'tls-proxy-secret-Jm4' };
let certs: TestCerts;
let proxyCerts: TestCerts;
let fake: Awaited<ReturnType<typeof startFake>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  certs = makeCerts([HOST], ['127.0.0.1']);
  fake = await startFake({
    clientId: CREDS['client-id'],
    clientSecret: CREDS['client-secret'],
    tls: { key: certs.key, cert: certs.cert },
    projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'bar' } } } } } },
  });
  // Another private CA signed the proxy's certificate, for localhost only.
  proxyCerts = makeCerts(['localhost'], []);
  proxy = await startProxy(fake.port, { tls: { key: proxyCerts.key, cert: proxyCerts.cert } });
});
afterAll(async () => {
  await Promise.all([fake.close(), proxy.close()]);
});

const step = (inputs: Record<string, string>, node: string, proxyUrl = proxy.url.replace('127.0.0.1', 'localhost')) =>
  runStep({
    node,
    inputs: { ...CREDS, 'workspace-id': 'p', environment: 'dev', domain: `https://${HOST}:${fake.port}`, ...inputs },
    env: { https_proxy: proxyUrl, HTTPS_PROXY: undefined, no_proxy: undefined, NO_PROXY: undefined },
  });

const bothCAs = (): string => `${certs.ca}\n${proxyCerts.ca}`;

describe.each(NODES)('an https:// proxy with a certificate from a private CA, under %s', (_label, node) => {
  it('is trusted with ca-certificate: both calls go through it', async () => {
    const before = proxy.seen.length;
    const result = await step({ 'ca-certificate': bothCAs() }, node);
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: 'bar' });
    expect(proxy.seen.slice(before).map((r) => `${r.method} ${r.target}`)).toEqual([
      `CONNECT ${HOST}:${fake.port}`,
      `CONNECT ${HOST}:${fake.port}`,
    ]);
  });

  it('without ca-certificate fails saying the proxy certificate is not trusted, without retrying', async () => {
    const before = proxy.seen.length;
    const result = await step({}, node);
    expect(errors(result)).toEqual([
      `Universal Auth login failed: the connection to proxy localhost:${proxy.port} failed: its TLS certificate ` +
        `is not trusted; for a private CA, set ca-certificate (${HOST}:${fake.port})`,
    ]);
    expect(proxy.seen.length).toBe(before);
    expect(result.stdout).not.toContain('retrying');
    expect(result.envText).toBe('');
  });

  it('addressed by a name its certificate does not carry, fails saying so', async () => {
    const result = await step({ 'ca-certificate': bothCAs() }, node, proxy.url);
    expect(errors(result)).toEqual([
      `Universal Auth login failed: the connection to proxy 127.0.0.1:${proxy.port} failed: its TLS certificate ` +
        `is not valid for its host name (${HOST}:${fake.port})`,
    ]);
    // An IP address is no TLS server name: Node would warn about it (on stdout: the action sends
    // stderr there, to keep it in order with the masks).
    expect(result.stdout).not.toMatch(/^\(node:\d+\)/m);
  });
});
