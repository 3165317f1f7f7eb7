// The secrets API client against the fake server: query, shape checks, errors.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFake } from './fake-infisical.js';
import { listSecrets, readSecretList } from '../src/infisical/secrets.js';
import { universalLogin } from '../src/login/universal.js';

let fake: Awaited<ReturnType<typeof startFake>>;
const query = {
  project: { workspaceId: 'p' },
  environment: 'dev',
  secretPath: '/',
  recursive: false,
  includeImports: true,
  expandReferences: true,
};

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  fake = await startFake({ projects: { p: { environments: { dev: { secrets: { '/': { A: 'a-value' } } } } } } });
});
afterAll(() => fake.close());

describe('listSecrets', () => {
  it('logs in, then lists with a bearer token', async () => {
    const conn = { domain: fake.url, timeoutMs: 5000 };
    const { accessToken } = await universalLogin(conn, 'demo-client-id', 'demo-client-secret');
    const list = await listSecrets(conn, accessToken, query);
    expect(list.secrets.map((s) => [s.secretKey, s.secretValue])).toEqual([['A', 'a-value']]);
    expect(list.imports).toEqual([]);
  });

  it('takes only a 2xx answer as the list: a 300 with a list in its body fails', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(300, { 'content-type': 'application/json' }).end('{"secrets":[],"imports":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(listSecrets({ domain: `http://127.0.0.1:${port}`, timeoutMs: 5000 }, 't', query)).rejects.toThrow(
        /^Listing secrets failed: HTTP 300/,
      );
    } finally {
      server.close();
    }
  });

  it('fails with the call, status and message for a bad token', async () => {
    await expect(listSecrets({ domain: fake.url, timeoutMs: 5000 }, 'garbage', query)).rejects.toThrow(
      /^Listing secrets failed: HTTP 403 Forbidden: The provided access token is malformed\. Please use a valid token or generate a new one and try again\. \(reqId req-[\w-]+\)\. The identity lacks access to project p or environment dev$/,
    );
  });
});

describe('readSecretList', () => {
  it.each([
    [{}, 'Listing secrets failed: the answer has no secrets list'],
    [{ secrets: 'x' }, 'Listing secrets failed: the answer has no secrets list'],
    [
      { secrets: [{ secretKey: 'A' }, { secretValue: 'v' }] },
      'Listing secrets failed: entry 0 of secrets has no secretKey or secretValue',
    ],
    [{ secrets: [], imports: {} }, 'Listing secrets failed: imports is not a list'],
    [
      { secrets: [], imports: [{ secrets: null }] },
      'Listing secrets failed: the answer has no imports[0].secrets list',
    ],
    [null, 'Listing secrets failed: the answer has no secrets list'],
  ])('refuses %j', (body, message) => {
    expect(() => readSecretList(body)).toThrow(message);
  });

  it('masks every value it reads, but not the placeholder of a value Infisical withheld', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    write.mockClear();
    const hidden = { secretKey: 'H', secretValue: '<hidden-by-infisical>', secretValueHidden: true };
    readSecretList({ secrets: [{ secretKey: 'A', secretValue: 'seen-value' }, hidden], imports: [] });
    expect(write.mock.calls.map(([text]) => String(text)).join('')).toBe('::add-mask::seen-value\n');
  });

  it('masks the values of a malformed answer before failing on its shape', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    write.mockClear();
    const body = { secrets: [{ secretKey: 'A', secretValue: 'early-value' }, { secretKey: 'B' }], imports: [] };
    expect(() => readSecretList(body)).toThrow('entry 1 of secrets has no secretKey or secretValue');
    expect(write.mock.calls.map(([text]) => String(text)).join('')).toBe('::add-mask::early-value\n');
  });

  it('accepts an answer without imports', () => {
    expect(readSecretList({ secrets: [] })).toEqual({ secrets: [], imports: [] });
  });
});
