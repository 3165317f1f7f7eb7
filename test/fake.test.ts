// The fake answers as a real Infisical does: each request recorded from a real backend (see
// test/real-answers/README.md) is replayed against the fake loaded with the same data, and the
// answer must equal the recording: status, every field, order, values; ids, dates and reqIds aside.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { OUTSIDER, P1, PROBE, READER, realOptions } from './real-answers/fixture.js';

const DIR = new URL('./real-answers/', import.meta.url);
const recorded = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));
const CASES = readFileSync(new URL('index.txt', DIR), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(' '))
  .map(([name = '', status = '', method = '', path = '']) => ({ name, status: Number(status), method, path }));
const statusOf = (name: string): number => CASES.find((c) => c.name === name)?.status ?? NaN;

/** The body with what differs between two servers by nature (ids, dates, reqIds, tokens) blanked. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const blank: Record<string, string> = {
    id: '<id>',
    _id: '<id>',
    folderId: '<id>',
    createdAt: '<date>',
    updatedAt: '<date>',
    reqId: '<reqId>',
    accessToken: '<redacted-jwt>',
  };
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k in blank && typeof v === 'string' ? blank[k] : normalize(v)]),
  );
}

let fake: Awaited<ReturnType<typeof startFake>>;
beforeAll(async () => {
  fake = await startFake(realOptions);
});
afterAll(() => fake.close());

async function call(method: string, path: string, init: { auth?: string; body?: string; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.auth) headers['authorization'] = init.auth;
  if (init.type) headers['content-type'] = init.type;
  const response = await fetch(`${fake.url}${path}`, { method, headers, body: init.body });
  const body: unknown = await response.json();
  return { status: response.status, headers: response.headers, body };
}

async function login(identity: { clientId: string; clientSecret: string }): Promise<string> {
  const { body } = await call('POST', '/api/v1/auth/universal-auth/login', {
    type: 'application/json',
    body: JSON.stringify(identity),
  });
  return (body as { accessToken: string }).accessToken;
}

function expectRecorded(answer: { status: number; body: unknown }, name: string): void {
  expect({ status: answer.status, body: normalize(answer.body) }).toEqual({
    status: statusOf(name),
    body: normalize(recorded(name)),
  });
}

describe('listing secrets answers as the real server', () => {
  const auth: Record<string, () => Promise<string | undefined>> = {
    'b21-list-outsider': async () => `Bearer ${await login(OUTSIDER)}`,
    'b22-list-garbage-token': () => Promise.resolve('Bearer garbage'),
    'b24-list-no-auth': () => Promise.resolve(undefined),
    'b25-list-basic-auth': () => Promise.resolve('Basic Zm9vOmJhcg=='),
  };
  it.each(CASES.filter((c) => c.name.startsWith('b')).map((c) => [c.name, c.path]))('%s', async (name, path) => {
    const header = await (auth[name] ?? (async () => `Bearer ${await login(READER)}`))();
    expectRecorded(await call('GET', path, { auth: header }), name);
  });
});

describe('login answers as the real server', () => {
  const path = '/api/v1/auth/universal-auth/login';
  const form = (fields: Record<string, string>) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(fields).toString(),
  });

  it('a good login gets a token for 30 days', async () => {
    expectRecorded(await call('POST', path, form(READER)), 'a01-login-good-form');
  });

  it('an unknown client id, a missing field, no body and a text/plain body', async () => {
    const unknown = { ...READER, clientId: '00000000-0000-4000-8000-000000000000' };
    expectRecorded(await call('POST', path, form(unknown)), 'a04-login-unknown-client-id-uuid');
    expectRecorded(await call('POST', path, form({ clientId: READER.clientId })), 'a06-login-missing-secret');
    expectRecorded(await call('POST', path), 'a07-login-no-body');
    const text = { type: 'text/plain', body: `clientId=${READER.clientId}` };
    expectRecorded(await call('POST', path, text), 'a08-login-text-plain');
  });

  it('three failures lock the identity from the fourth attempt on, even with the right secret', async () => {
    const wrong = form({ ...PROBE, clientSecret: 'wrong' });
    for (const name of ['a03-login-bad-secret', 'a09-login-bad-secret-2', 'a10-login-bad-secret-3']) {
      expectRecorded(await call('POST', path, wrong), name);
    }
    expectRecorded(await call('POST', path, wrong), 'a11-login-bad-secret-4-locked');
    expectRecorded(await call('POST', path, form(PROBE)), 'a12-login-good-secret-while-locked');
    // Other identities are not locked.
    expect((await call('POST', path, form(READER))).status).toBe(200);
  });

  it('the lock ends after its time', async () => {
    const short = await startFake({ ...realOptions, lockout: { attempts: 3, windowMs: 30_000, durationMs: 50 } });
    const at = (body: ReturnType<typeof form>) =>
      fetch(`${short.url}${path}`, { method: 'POST', headers: { 'content-type': body.type }, body: body.body });
    for (let i = 0; i < 4; i++) await at(form({ ...PROBE, clientSecret: 'wrong' }));
    expect((await at(form(PROBE))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await at(form(PROBE))).status).toBe(200);
    await short.close();
  });
});

describe('machine-identity logins answer as the real server', () => {
  const form = (fields: Record<string, string>) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(fields).toString(),
  });
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln';
  const aws = { iamHttpRequestMethod: 'POST', iamRequestBody: 'eA', iamRequestHeaders: 'e30' };
  // The reader identity has Universal Auth only.
  const reader = '9e6b0122-5d7a-4f5a-a6f6-1f606a457842';

  it.each([
    ['d01-login-oidc-no-oidc-auth', 'oidc-auth', { identityId: reader, jwt }],
    ['d02-login-kubernetes-no-kubernetes-auth', 'kubernetes-auth', { identityId: reader, jwt }],
    ['d03-login-gcp-no-gcp-auth', 'gcp-auth', { identityId: reader, jwt }],
    ['d04-login-azure-no-azure-auth', 'azure-auth', { identityId: reader, jwt }],
    ['d05-login-jwt-no-jwt-auth', 'jwt-auth', { identityId: reader, jwt }],
    ['d06-login-aws-no-aws-auth', 'aws-auth', { identityId: reader, ...aws }],
    ['d07-login-oidc-missing-jwt', 'oidc-auth', { identityId: reader }],
    ['d08-login-kubernetes-missing-jwt', 'kubernetes-auth', { identityId: reader }],
  ])('%s', async (name, route, fields) => {
    expectRecorded(await call('POST', `/api/v1/auth/${route}/login`, form(fields)), name);
  });
});

describe('revoke answers as the real server', () => {
  const path = '/api/v1/auth/token/revoke';
  const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });

  it('needs no Authorization, answers 200 twice, refuses a garbage token and a body without one', async () => {
    const token = await login(READER);
    expectRecorded(await call('POST', path, json({ accessToken: token })), 'c01-revoke-good-json');
    const list = `/api/v3/secrets/raw?workspaceId=${P1}&environment=dev`;
    expectRecorded(await call('GET', list, { auth: `Bearer ${token}` }), 'c02-list-with-revoked-token');
    expectRecorded(await call('POST', path, json({ accessToken: token })), 'c03-revoke-again');
    expectRecorded(await call('POST', path, json({ accessToken: 'garbage' })), 'c04-revoke-garbage');
    expectRecorded(await call('POST', path, json({})), 'c05-revoke-missing-field');
  });
});

describe('rate limits as Infisical Cloud answers them', () => {
  it('headers on every answer; over the limit 429 with retry-after at most 60 s', async () => {
    const limited = await startFake({ ...realOptions, rateLimit: { list: 2 } });
    const token = await (async () => {
      const r = await fetch(`${limited.url}/api/v1/auth/universal-auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(READER),
      });
      return ((await r.json()) as { accessToken: string }).accessToken;
    })();
    const list = () =>
      fetch(`${limited.url}/api/v3/secrets/raw?workspaceSlug=action-real&environment=dev`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const first = await list();
    // The recorded first answer of 40 a minute: limit 40, remaining 39, reset 60.
    const names = readFileSync(new URL('ratelimit-list-1.headers', DIR), 'utf8').match(/^x-ratelimit-\w+/gm);
    expect(names).toEqual(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
    await list();
    const over = await list();
    const body = (await over.json()) as { message: string };
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(over.status).toBe(429);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    const expected = normalize(recorded('ratelimit-list-41')) as { message: string };
    const seconds = /in (\d+) seconds/.exec(expected.message)?.[1] ?? '';
    expect(normalize(body)).toEqual({ ...expected, message: expected.message.replace(seconds, String(retryAfter)) });
    await limited.close();
  });
});
