// End to end: the token's life. OIDC login, the post step revoking the token, the token output.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { NODES, errors, runMainAndPost, runStep, warnings, type StepOptions } from './harness.js';
import { jwtFor, REQUEST_TOKEN, startIdTokenServer } from './id-token-server.js';
import { findLeaks } from './leaks.js';

/** The OIDC identity's ID (a UUID, as Infisical's are). */
const OIDC_ID = '1d1d1d1d-0000-4000-8000-000000000001';

let fake: Awaited<ReturnType<typeof startFake>>;
let ids: Awaited<ReturnType<typeof startIdTokenServer>>;
const SECRET = 'lifecycle-client-secret-9kP';
const DEBUG = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', INFISICAL_ACTION_RETRY_BASE_MS: '1' };

beforeAll(async () => {
  ids = await startIdTokenServer();
  fake = await startFake({
    clientId: 'id-1',
    clientSecret: SECRET,
    oidc: { identityId: OIDC_ID, jwt: jwtFor('infisical-aud') },
    projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'BAR', API_KEY: 'api-key-value-77' } } } } } },
  });
});
afterAll(() => Promise.all([fake.close(), ids.close()]));

const universal = { 'client-id': 'id-1', 'client-secret': SECRET };
const oidc = { method: 'oidc', 'identity-id': OIDC_ID, 'oidc-audience': 'infisical-aud' };

function options(inputs: Record<string, string>, extra: StepOptions = {}): StepOptions {
  return {
    ...extra,
    env: { ...DEBUG, ...extra.env },
    inputs: { 'workspace-id': 'p', environment: 'dev', domain: fake.url, ...inputs },
  };
}

/** The token main got: the one token the fake issued during the run. */
function newToken(before: Set<string>): string {
  const issued = [...fake.tokens].filter((t) => !before.has(t));
  expect(issued).toHaveLength(1);
  return issued[0] ?? '';
}

describe.each(NODES)('token lifecycle under %s', (_label, node) => {
  it('revokes the token in the post step, leaking nothing in main or post', async () => {
    const before = new Set(fake.tokens);
    const { main, post } = await runMainAndPost(options(universal, { node }));
    expect(errors(main)).toEqual([]);
    expect(main.env['FOO']).toBe('BAR');
    const token = newToken(before);
    expect(fake.revoked.has(token)).toBe(true);
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Revoked the Infisical access token');
    expect(post.stdout.split('\n')[0]).toBe(`::add-mask::${token}`);
    for (const step of [main, post]) {
      expect(findLeaks(step.stdout, step.stderr, [token, SECRET, 'api-key-value-77'])).toEqual([]);
    }
  });

  it('logs in with OIDC: the ID token for the audience, exchanged for an access token', async () => {
    const before = new Set(fake.tokens);
    const { main, post } = await runMainAndPost(options(oidc, { node, env: ids.env }));
    expect(errors(main)).toEqual([]);
    expect(main.env).toEqual({ FOO: 'BAR', API_KEY: 'api-key-value-77' });
    expect(ids.audiences.at(-1)).toBe('infisical-aud');
    const token = newToken(before);
    expect(fake.revoked.has(token)).toBe(true);
    const secrets = [token, jwtFor('infisical-aud'), REQUEST_TOKEN, 'api-key-value-77'];
    for (const step of [main, post]) expect(findLeaks(step.stdout, step.stderr, secrets)).toEqual([]);
  });
});

describe('token lifecycle', () => {
  it('keeps the token alive with revoke-token false', async () => {
    const before = new Set(fake.tokens);
    const { main, post } = await runMainAndPost(options({ ...universal, 'revoke-token': 'false' }));
    expect(errors(main)).toEqual([]);
    expect(fake.revoked.has(newToken(before))).toBe(false);
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });

  it('revokes the token even when main fails after login', async () => {
    const before = new Set(fake.tokens);
    const { main, post } = await runMainAndPost(options({ ...universal, 'workspace-id': 'missing' }));
    expect(main.code).toBe(1);
    expect(fake.revoked.has(newToken(before))).toBe(true);
    expect(post.code).toBe(0);
  });

  it.each([
    ['bad input', { ...universal, 'export-type': 'xml' }],
    ['a refused login', { ...universal, 'client-secret': 'wrong-secret-x1' }],
  ])('does nothing, quietly, in post after %s', async (_case, inputs) => {
    const revokes = fake.count('revoke');
    const { main, post } = await runMainAndPost(options(inputs));
    expect(main.code).toBe(1);
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
    expect(post.stderr).toBe('');
    expect(fake.count('revoke')).toBe(revokes);
  });

  it.each([
    ['HTTP 500', { status: 500 }, /^Revoking the access token failed after 4 attempts: HTTP 500 Internal Server Error/],
    ['a connection reset', { reset: true }, /^Revoking the access token failed after 4 attempts: connection reset/],
  ])(
    'warns once and exits 0 when revoke fails with %s, and still deletes the .env file',
    async (_case, fault, message) => {
      const before = new Set(fake.tokens);
      fake.fault('revoke', fault, fault, fault, fault);
      const { main, post } = await runMainAndPost(options({ ...universal, 'export-type': 'file' }));
      expect(errors(main)).toEqual([]);
      // The next cleanup task still runs: the .env file is deleted.
      expect(existsSync(join(main.dir, '.env'))).toBe(false);
      expect(post.stdout).toContain(`Deleted the .env file ${join(main.dir, '.env')}`);
      const token = newToken(before);
      expect(fake.revoked.has(token)).toBe(false);
      expect(post.code).toBe(0);
      expect(errors(post)).toEqual([]);
      const [warning, ...rest] = warnings(post);
      expect(rest).toEqual([]);
      expect(warning).toMatch(message);
      expect(warning).toMatch(/\(the job is not failed for this\)$/);
      expect(findLeaks(post.stdout, post.stderr, [token])).toEqual([]);
    },
  );

  it('sets the access-token output only with output-token true, and it works until post', async () => {
    const before = new Set(fake.tokens);
    const off = await runStep(options(universal));
    expect(off.outputs).toEqual({});
    const { main } = await runMainAndPost(options({ ...universal, 'output-token': 'true' }));
    const issued = [...fake.tokens].filter((t) => !before.has(t));
    expect(main.outputs['access-token']).toBe(issued.at(-1));
    expect(main.env['FOO']).toBe('BAR');
    expect(fake.revoked.has(main.outputs['access-token'] ?? '')).toBe(true);
  });

  it('fails OIDC without id-token permission with one line, before any request', async () => {
    const count = fake.requests.length;
    const main = await runStep(options(oidc));
    expect(main.code).toBe(1);
    expect(errors(main)).toEqual([
      'OIDC needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action',
    ]);
    expect(main.stderr).toBe('');
    expect(fake.requests.length).toBe(count);
  });

  it('names the refused identity on an OIDC 401', async () => {
    const main = await runStep(options({ ...oidc, 'oidc-audience': 'wrong-aud' }, { env: ids.env }));
    expect(main.code).toBe(1);
    expect(errors(main)[0]).toMatch(
      /^OIDC Auth login failed: HTTP 401 Unauthorized: .*Infisical refused identity 1d1d1d1d-/,
    );
    expect(main.envText).toBe('');
  });
});
