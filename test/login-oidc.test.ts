import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { githubIdToken, oidcLogin } from '../src/login/oidc.js';
import { startFake } from './fake-infisical.js';
import { jwtFor, REQUEST_TOKEN, startIdTokenServer } from './id-token-server.js';

let ids: Awaited<ReturnType<typeof startIdTokenServer>>;
let fake: Awaited<ReturnType<typeof startFake>>;
let stdout: string[];
const conn = { domain: '', timeoutMs: 5000, retry: { retries: 0, unitMs: 1 } };

beforeAll(async () => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  ids = await startIdTokenServer();
  fake = await startFake({ oidc: { identityId: 'ident-1', jwt: jwtFor('infisical') } });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all([ids.close(), fake.close()]);
});

/** Runs `use` with the runner's ID-token variables set as `env` gives them (core reads process.env). */
async function withRunnerEnv<T>(env: Record<string, string | undefined>, use: () => Promise<T>): Promise<T> {
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', env['ACTIONS_ID_TOKEN_REQUEST_URL']);
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']);
  try {
    return await use();
  } finally {
    vi.unstubAllEnvs();
  }
}

const idToken = (audience: string, env: Record<string, string | undefined>) =>
  withRunnerEnv(env, () => githubIdToken(conn, audience));
const logInAs = (identityId: string, audience: string) =>
  withRunnerEnv(ids.env, () => oidcLogin({ ...conn, domain: fake.url }, identityId, audience));

describe('githubIdToken', () => {
  it('appends the audience to the runner URL, authenticates with the bearer and masks the JWT', async () => {
    const jwt = await idToken('sts.example/aud 1', ids.env);
    expect(jwt).toBe(jwtFor('sts.example/aud 1'));
    expect(ids.audiences.at(-1)).toBe('sts.example/aud 1');
    expect(stdout.join('')).toContain(`::add-mask::${jwt}\n`);
    expect(stdout.join('')).toContain(`::add-mask::${REQUEST_TOKEN}\n`);
  });

  it("sends none of Infisical's extra headers to GitHub's token service", async () => {
    expect(await idToken('aud', ids.env)).toBe(jwtFor('aud'));
    expect(Object.keys(ids.headers.at(-1) ?? {}).sort()).toEqual([
      'accept',
      'authorization',
      'connection',
      'host',
      'user-agent',
    ]);
  });

  it('asks for no audience when none is set (GitHub default)', async () => {
    expect(await idToken('', ids.env)).toBe(jwtFor(null));
    expect(ids.audiences.at(-1)).toBeNull();
  });

  it('says to add id-token: write when the runner gave no request URL or token', async () => {
    await expect(idToken('', {})).rejects.toThrow(/add `permissions: id-token: write` to the job/);
    await expect(idToken('', { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' })).rejects.toThrow(
      /id-token: write/,
    );
  });

  it('fails with one line when the token service refuses', async () => {
    const env = { ...ids.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' };
    await expect(idToken('', env)).rejects.toThrow(
      /^Getting the GitHub ID token failed: HTTP 401 Unauthorized: bad bearer$/,
    );
  });
});

describe('oidcLogin', () => {
  it('exchanges identity and JWT for an access token', async () => {
    const login = await logInAs('ident-1', 'infisical');
    expect(fake.tokens.has(login.accessToken)).toBe(true);
    const body = new URLSearchParams(fake.requests.at(-1)?.body);
    expect(Object.fromEntries(body)).toEqual({ identityId: 'ident-1', jwt: jwtFor('infisical') });
  });

  it('names the refused identity on a 403, the answer to a subject Infisical does not allow', async () => {
    fake.fault('oidc', {
      status: 403,
      body: JSON.stringify({ reqId: 'r', statusCode: 403, message: 'Access denied: OIDC subject not allowed.' }),
    });
    await expect(logInAs('ident-1', 'infisical')).rejects.toThrow(
      /^OIDC Auth login failed: HTTP 403 Forbidden: Access denied: OIDC subject not allowed\. \(reqId r\)\. Infisical refused identity ident-1/,
    );
  });

  it('names the refused identity and what decides on a 401, the answer to an audience Infisical does not allow', async () => {
    await expect(logInAs('ident-1', 'other')).rejects.toThrow(
      /^OIDC Auth login failed: HTTP 401 Unauthorized: Access denied: OIDC audience not allowed\. \(reqId [\w-]+\)\. Infisical refused identity ident-1: its OIDC Auth configuration \(issuer, subject, audience, claims\) decides/,
    );
  });

  it('points at identity-id on a 404, the answer for an identity without OIDC Auth', async () => {
    await expect(logInAs('ident-2', 'infisical')).rejects.toThrow(
      /^OIDC Auth login failed: HTTP 404 Not Found: OIDC auth method not found for identity, did you configure OIDC auth\? \(reqId [\w-]+\)\. Check identity-id and that identity ident-2 has OIDC Auth configured$/,
    );
  });
});
