import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { NODES, demoInputs, errors, runMainAndPost, runStep, type Fake } from './harness.js';
import { jwtFor, REQUEST_TOKEN, startIdTokenServer } from './id-token-server.js';
import { findLeaks } from './leaks.js';
import { startProxy } from './proxy.js';

/** The OIDC identity's ID (a UUID, as Infisical's are). */
const OIDC_ID = '1d1d1d1d-0000-4000-8000-000000000001';

describe('the leak check itself', () => {
  it('flags a value printed before its mask, and stderr', () => {
    const stdout = 'token is s3cr3t-value\n::add-mask::s3cr3t-value\n';
    expect(findLeaks(stdout, '', ['s3cr3t-value'])).toEqual(['stdout line 1 shows an unmasked secret']);
    expect(findLeaks('', 'oops s3cr3t-value', ['s3cr3t-value'])).toEqual(['stderr shows a secret']);
  });

  it('flags one line of a multi-line value printed when only the whole value was masked', () => {
    const stdout = '::add-mask::line-one%0Aline-two\nline-two\n';
    expect(findLeaks(stdout, '', ['line-one\nline-two'])).toEqual(['stdout line 2 shows an unmasked secret']);
  });

  it('accepts a value printed after its mask', () => {
    expect(findLeaks('::add-mask::s3cr3t-value\nsaw s3cr3t-value\n', '', ['s3cr3t-value'])).toEqual([]);
  });
});

// NODE_DEBUG makes Node and the `tunnel` agent print every request's options to stderr: headers
// (extra headers, the bearer token, the ID token request's bearer, Proxy-Authorization) and the
// proxy's `user:password`. The runner logs a batch's stderr lines before its stdout lines, so such
// a line could be logged before the `::add-mask::` that hides it: nothing may reach stderr, and
// each of these must be masked before it is printed.
describe.each(NODES)('the built action with NODE_DEBUG under %s', (_label, node) => {
  const DEBUG = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', NODE_DEBUG: 'http,https,net,tls,tunnel' };
  const HEADER = 'header-value-Tq3wX9';
  const PROXY_AUTH = 'debug-user:pass-Jw5r%';
  let fake: Fake;
  let ids: Awaited<ReturnType<typeof startIdTokenServer>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    ids = await startIdTokenServer();
    fake = await startFake({
      oidc: { identityId: OIDC_ID, jwt: jwtFor('infisical-aud') },
      projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'debug-value-Hs4k' } } } } } },
    });
    proxy = await startProxy(fake.port);
  });
  afterAll(() => Promise.all([fake.close(), ids.close(), proxy.close()]));

  it('leaks no credential of a login through a proxy, in main or post', async () => {
    const proxyUrl = `http://debug-user:pass-Jw5r%25@127.0.0.1:${proxy.port}`;
    const { main, post } = await runMainAndPost({
      node,
      inputs: demoInputs(`http://infisical.internal.test:${fake.port}`, { 'extra-headers': `X-Tenant: ${HEADER}` }),
      env: { ...DEBUG, http_proxy: proxyUrl, no_proxy: '' },
    });
    expect(errors(main)).toEqual([]);
    expect(main.env).toEqual({ FOO: 'debug-value-Hs4k' });
    expect(post.stdout).toContain('Revoked the Infisical access token');
    expect(main.stdout).toContain('Proxy-Authorization'); // NODE_DEBUG's dumps were printed
    const secrets = [
      'demo-client-secret',
      'debug-value-Hs4k',
      HEADER,
      PROXY_AUTH,
      'pass-Jw5r%',
      Buffer.from(PROXY_AUTH).toString('base64'),
      ...fake.tokens,
    ];
    for (const step of [main, post]) expect(findLeaks(step.stdout, step.stderr, secrets)).toEqual([]);
  });

  it('leaks no proxy credential when the GitHub ID token request is the first through the proxy', async () => {
    const idUrl = new URL(ids.env.ACTIONS_ID_TOKEN_REQUEST_URL);
    const idProxy = await startProxy(Number(idUrl.port));
    const viaProxy = `http://id-token.internal.test:${idUrl.port}${idUrl.pathname}${idUrl.search}`;
    try {
      const result = await runStep({
        node,
        inputs: demoInputs(fake.url, { method: 'oidc', 'identity-id': OIDC_ID, 'oidc-audience': 'infisical-aud' }),
        env: {
          ...DEBUG,
          ...ids.env,
          ACTIONS_ID_TOKEN_REQUEST_URL: viaProxy,
          http_proxy: `http://debug-user:pass-Jw5r%25@127.0.0.1:${idProxy.port}`,
          no_proxy: '',
        },
      });
      expect(errors(result)).toEqual([]);
      expect(idProxy.seen.map((r) => r.method)).toEqual(['CONNECT']);
      expect(result.stdout).toContain('Proxy-Authorization'); // NODE_DEBUG's dump of the CONNECT was printed
      const secrets = [PROXY_AUTH, 'pass-Jw5r%', Buffer.from(PROXY_AUTH).toString('base64'), REQUEST_TOKEN];
      expect(findLeaks(result.stdout, result.stderr, secrets)).toEqual([]);
    } finally {
      await idProxy.close();
    }
  });

  it("leaks neither the ID token request's bearer, the ID token nor an extra header sent directly, in main or post", async () => {
    const oidc = { method: 'oidc', 'identity-id': OIDC_ID, 'oidc-audience': 'infisical-aud' };
    const { main, post } = await runMainAndPost({
      node,
      inputs: demoInputs(fake.url, { ...oidc, 'extra-headers': `X-Tenant: ${HEADER}` }),
      env: { ...DEBUG, ...ids.env },
    });
    expect(errors(main)).toEqual([]);
    expect(post.stdout).toContain('Revoked the Infisical access token');
    expect(main.stdout).toMatch(/Authorization: 'Bearer /); // the ID token request's dump was printed
    expect(post.stdout).toContain("'x-tenant'"); // and the revoke request's
    const secrets = [REQUEST_TOKEN, jwtFor('infisical-aud'), HEADER, 'debug-value-Hs4k', ...fake.tokens];
    for (const step of [main, post]) expect(findLeaks(step.stdout, step.stderr, secrets)).toEqual([]);
  });
});
