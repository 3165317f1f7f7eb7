import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN_PATH,
  ignoredFileInputs,
  parseBoolean,
  parseCaCertificates,
  parseDomain,
  parseExtraHeaders,
  parsePrefix,
  parseRequestTimeout,
  parseRetries,
  parseSecretPath,
  readSettings,
} from '../src/inputs.js';
import { makeCerts } from './certs.js';
import { readActionYml } from './run-action.js';

const base = { 'client-id': 'id', 'client-secret': 'secret', 'workspace-id': 'proj', environment: 'dev' };

function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

afterEach(() => setInputs({}));

describe('readSettings', () => {
  it('applies the defaults', () => {
    setInputs(base);
    expect(readSettings()).toEqual({
      domain: 'https://app.infisical.com',
      auth: { method: 'universal', clientId: 'id', clientSecret: 'secret' },
      project: { workspaceId: 'proj' },
      environment: 'dev',
      secretPath: '/',
      recursive: false,
      includeImports: true,
      expandReferences: true,
      exportType: 'env',
      failOnEmpty: false,
      selectors: [],
      namePrefix: '',
      filePath: resolve(process.cwd(), '.env'),
      keepFile: false,
      summary: true,
      revokeToken: true,
      outputToken: false,
      retries: 3,
      requestTimeoutMs: 30_000,
      caCertificates: [],
      extraHeaders: {},
    });
  });

  it('counts the lines of secrets and extra-headers as the workflow shows them, leading blank lines included', () => {
    setInputs({ ...base, secrets: '\n\nFOO\nBAD LINE' });
    expect(() => readSettings()).toThrow(/^secrets line 4 is malformed/);
    setInputs({ ...base, 'extra-headers': '\nX-Ok: 1\nno colon' });
    expect(() => readSettings()).toThrow(/^extra-headers line 3 must be "Name: value"/);
  });

  it('needs identity-id, not client credentials, with method oidc', () => {
    setInputs({
      'workspace-id': 'proj',
      environment: 'dev',
      method: 'oidc',
      'identity-id': '1d1d1d1d-0000-4000-8000-000000000001',
      'oidc-audience': 'aud',
    });
    expect(readSettings().auth).toEqual({
      method: 'oidc',
      identityId: '1d1d1d1d-0000-4000-8000-000000000001',
      audience: 'aud',
    });
    setInputs({ 'workspace-id': 'proj', environment: 'dev', method: 'oidc' });
    expect(() => readSettings()).toThrow('Input required and not supplied: identity-id');
  });

  it('reads aws-iam with its identity ID, which it requires', () => {
    setInputs({
      'workspace-id': 'proj',
      environment: 'dev',
      method: 'aws-iam',
      'identity-id': '1d1d1d1d-0000-4000-8000-000000000002',
    });
    expect(readSettings().auth).toEqual({ method: 'aws-iam', identityId: '1d1d1d1d-0000-4000-8000-000000000002' });
    setInputs({ 'workspace-id': 'proj', environment: 'dev', method: 'aws-iam' });
    expect(() => readSettings()).toThrow('Input required and not supplied: identity-id');
  });

  it.each([
    [
      { method: 'kubernetes' },
      { method: 'kubernetes', identityId: '1d1d1d1d-0000-4000-8000-000000000001', tokenPath: DEFAULT_TOKEN_PATH },
    ],
    [
      { method: 'kubernetes', 'kubernetes-token-path': '/t' },
      { method: 'kubernetes', identityId: '1d1d1d1d-0000-4000-8000-000000000001', tokenPath: '/t' },
    ],
    [{ method: 'gcp-id-token' }, { method: 'gcp-id-token', identityId: '1d1d1d1d-0000-4000-8000-000000000001' }],
    [
      { method: 'azure' },
      {
        method: 'azure',
        identityId: '1d1d1d1d-0000-4000-8000-000000000001',
        resource: 'https://management.azure.com/',
      },
    ],
    [
      { method: 'azure', 'azure-resource': 'api://x' },
      { method: 'azure', identityId: '1d1d1d1d-0000-4000-8000-000000000001', resource: 'api://x' },
    ],
    [
      { method: 'jwt', jwt: 'j', 'oidc-audience': 'a' },
      { method: 'jwt', identityId: '1d1d1d1d-0000-4000-8000-000000000001', jwt: 'j', audience: 'a' },
    ],
  ])('reads what method %j needs', (inputs, auth) => {
    setInputs({
      'workspace-id': 'proj',
      environment: 'dev',
      'identity-id': '1d1d1d1d-0000-4000-8000-000000000001',
      ...inputs,
    });
    expect(readSettings().auth).toEqual(auth);
    setInputs({ 'workspace-id': 'proj', environment: 'dev', ...inputs });
    expect(() => readSettings()).toThrow('Input required and not supplied: identity-id');
  });

  it.each(['oidc', 'aws-iam', 'kubernetes', 'gcp-id-token', 'azure', 'jwt'])(
    'refuses an identity-id that is not an identity ID with method %s (Infisical answers 500 to it)',
    (method) => {
      // Infisical looks the ID up as a UUID: anything else (the identity's name, say) fails its
      // database query with 500 "Something went wrong", which the action would retry and call an outage.
      for (const id of [
        'my-ci-identity',
        '9e6b0122-5d7a-4f5a-a6f6-1f606a45784',
        '9e6b0122-5d7a-4f5a-a6f6-1f606a45',
        '9e6b0122-5d7a-4f5a-a6f6-1f606a457842x',
      ]) {
        setInputs({ 'workspace-id': 'proj', environment: 'dev', method, 'identity-id': id, jwt: 'j' });
        expect(() => readSettings()).toThrow(
          /^identity-id must be the machine identity's ID, a UUID such as 2f0a5d4e-8c1b-4e6a-9d3f-5b7c1a2e4f60 \(on the identity's page in Infisical\), not its name$/,
        );
      }
      // What PostgreSQL reads as a UUID, as Infisical does: upper case, hyphens left out.
      for (const id of ['9E6B0122-5D7A-4F5A-A6F6-1F606A457842', '9e6b01225d7a4f5aa6f61f606a457842']) {
        setInputs({ 'workspace-id': 'proj', environment: 'dev', method, 'identity-id': id, jwt: 'j' });
        expect(readSettings().auth).toMatchObject({ identityId: id });
      }
    },
  );

  it('needs only the token with method token', () => {
    setInputs({ 'workspace-id': 'proj', environment: 'dev', method: 'token', token: 't0k' });
    expect(readSettings().auth).toEqual({ method: 'token', token: 't0k' });
    setInputs({ 'workspace-id': 'proj', environment: 'dev', method: 'token' });
    expect(() => readSettings()).toThrow('Input required and not supplied: token');
  });

  it('accepts only the methods it has', () => {
    setInputs({ ...base, method: 'aws' });
    expect(() => readSettings()).toThrow(
      'method must be one of universal, oidc, aws-iam, kubernetes, gcp-id-token, azure, jwt, token (got "aws")',
    );
  });

  it('rejects whitespace inside the environment slug', () => {
    setInputs({ ...base, environment: 'de v' });
    expect(() => readSettings()).toThrow('environment must not contain whitespace (got "de v")');
  });
});

describe("Infisical/secrets-action's input names", () => {
  const credentials = { 'client-id': 'id', 'client-secret': 'secret' };

  it('reads the project by slug with project-slug, and needs exactly one of it and workspace-id', () => {
    setInputs({ ...credentials, 'project-slug': 'my-proj', 'env-slug': 'dev' });
    expect(readSettings()).toMatchObject({ project: { workspaceSlug: 'my-proj' }, environment: 'dev' });
    setInputs({ ...base, 'project-slug': 'my-proj' });
    expect(() => readSettings()).toThrow('Set workspace-id or project-slug, not both');
    setInputs({ ...credentials, environment: 'dev' });
    expect(() => readSettings()).toThrow('Input required and not supplied: workspace-id (or project-slug)');
  });

  it('takes env-slug for environment; the two differing fail naming both', () => {
    setInputs({ ...base, 'env-slug': 'dev' });
    expect(readSettings().environment).toBe('dev');
    setInputs({ ...base, 'env-slug': 'prod' });
    expect(() => readSettings()).toThrow(
      'environment is "dev" but env-slug (its Infisical/secrets-action name) is "prod": set only one of them',
    );
    setInputs({ ...credentials, 'workspace-id': 'proj' });
    expect(() => readSettings()).toThrow('Input required and not supplied: environment');
  });

  it('reads file-output-path relative to the workspace even when it starts with /', () => {
    const saved = process.env['GITHUB_WORKSPACE'];
    process.env['GITHUB_WORKSPACE'] = '/work/space';
    try {
      setInputs({ ...base, 'file-output-path': '/src/.env' });
      expect(readSettings().filePath).toBe('/work/space/src/.env');
      // Relative to the workspace, as that action joins the two: not confined to it.
      setInputs({ ...base, 'file-output-path': '/../out/.env' });
      expect(readSettings().filePath).toBe('/work/out/.env');
      setInputs({ ...base, 'file-output-path': '/.env', 'file-path': '.env' });
      expect(readSettings().filePath).toBe('/work/space/.env');
      setInputs({ ...base, 'file-path': '/src/.env' });
      expect(readSettings().filePath).toBe('/src/.env');
      setInputs({ ...base, 'file-output-path': '/a/.env', 'file-path': 'b/.env' });
      expect(() => readSettings()).toThrow(
        'file-path is "b/.env" but file-output-path (its Infisical/secrets-action name) is "/a/.env": set only one of them',
      );
    } finally {
      if (saved === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = saved;
    }
  });
});

describe('parseBoolean follows the runner', () => {
  it.each(['true', 'True', 'TRUE'])('%s is true', (value) => {
    setInputs({ recursive: value });
    expect(parseBoolean('recursive', false)).toBe(true);
  });
  it.each(['false', 'False', 'FALSE'])('%s is false', (value) => {
    setInputs({ recursive: value });
    expect(parseBoolean('recursive', true)).toBe(false);
  });
  it.each(['yes', '1', 'tRue', 'on'])('%s is refused', (value) => {
    setInputs({ recursive: value });
    expect(() => parseBoolean('recursive', false)).toThrow(`recursive must be true or false (got "${value}")`);
  });
});

describe('every input of action.yml', () => {
  it('is read, with one method or another', () => {
    const read = new Set<string>();
    const env = process.env;
    process.env = new Proxy(env, {
      get(target, key) {
        if (typeof key === 'string' && key.startsWith('INPUT_')) read.add(key.slice(6).toLowerCase());
        return Reflect.get(target, key) as string | undefined;
      },
    });
    try {
      for (const method of ['universal', 'oidc', 'aws-iam', 'kubernetes', 'gcp-id-token', 'azure', 'jwt', 'token']) {
        setInputs({ ...base, method, 'identity-id': '1d1d1d1d-0000-4000-8000-000000000001', token: 't' });
        readSettings();
      }
    } finally {
      process.env = env;
    }
    expect([...read].sort()).toEqual(Object.keys(readActionYml().inputs as object).sort());
  });
});

describe('every boolean input of action.yml', () => {
  const booleans = Object.entries(readActionYml().inputs as Record<string, { default?: string }>)
    .filter(([, spec]) => spec.default === 'true' || spec.default === 'false')
    .map(([name]) => name);

  it('is found', () => {
    expect(booleans).toHaveLength(8);
  });
  it.each(booleans)('%s takes True and FALSE, and refuses yes with one line naming it', (name) => {
    setInputs({ ...base, [name]: 'True' });
    const on = readSettings();
    setInputs({ ...base, [name]: 'FALSE' });
    expect(readSettings()).not.toEqual(on);
    setInputs({ ...base, [name]: 'yes' });
    expect(() => readSettings()).toThrow(new Error(`${name} must be true or false (got "yes")`));
  });
});

describe('parseDomain', () => {
  it.each([
    ['https://app.infisical.com', 'https://app.infisical.com'],
    ['https://app.infisical.com/', 'https://app.infisical.com'],
    ['https://example.com/infisical/', 'https://example.com/infisical'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('normalises %s', (raw, expected) => {
    expect(parseDomain(raw)).toBe(expected);
  });
  it.each(['example.com', 'ftp://example.com', 'https://user:pw@example.com', 'https://e.com/?a=1'])(
    'rejects %s',
    (raw) => {
      expect(() => parseDomain(raw)).toThrow(/^domain must/);
    },
  );
  it('never echoes what may be credentials in a domain it rejects', () => {
    for (const [raw, shown] of [
      ['ftp://user:hunter2@host', 'ftp://…@host'],
      ['https://user:s3 cr3t@ho st/', 'https://…@ho st/'],
      ['user:hunter2@example.com', '…@example.com'],
      ['https://user:pa/ss@host.example', 'https://…@host.example'],
    ]) {
      expect(() => parseDomain(raw)).toThrow(`(got "${shown}")`);
    }
  });
});

describe('parseSecretPath', () => {
  it('defaults to / and drops a trailing slash', () => {
    expect(parseSecretPath('')).toBe('/');
    expect(parseSecretPath('/app/')).toBe('/app');
    expect(parseSecretPath('//')).toBe('/');
  });
  it('reads a path without a leading slash from the root, as Infisical does', () => {
    expect(parseSecretPath('app/api/')).toBe('/app/api');
  });
  it('refuses a line break or NUL', () => {
    expect(() => parseSecretPath('/app\n/x')).toThrow(/^secret-path must be one folder path such as \/app\/api/);
  });
});

describe('network inputs', () => {
  it('retries: a whole number from 0 to 10, default 3', () => {
    expect(parseRetries('')).toBe(3);
    expect(parseRetries('0')).toBe(0);
    expect(parseRetries('10')).toBe(10);
    for (const bad of ['11', '-1', '1.5', 'three']) {
      expect(() => parseRetries(bad)).toThrow(`retries must be a whole number from 0 to 10 (got "${bad}")`);
    }
  });

  it('request-timeout: seconds from 0.001 (1 ms) up to 600, default 30, in ms', () => {
    expect(parseRequestTimeout('')).toBe(30_000);
    expect(parseRequestTimeout('0.5')).toBe(500);
    expect(parseRequestTimeout('600')).toBe(600_000);
    expect(parseRequestTimeout('0.001')).toBe(1);
    for (const bad of ['0', '0.0005', '601', '-5', '1e3', '30s']) {
      expect(() => parseRequestTimeout(bad)).toThrow(
        `request-timeout must be a number of seconds from 0.001 to 600 (got "${bad}")`,
      );
    }
  });

  it('ca-certificate: every PEM block, checked to parse, comments around them ignored', () => {
    const { ca, cert } = makeCerts(['a.test'], []);
    expect(parseCaCertificates('')).toEqual([]);
    expect(parseCaCertificates(`# private CA\n${ca}\n# server\n${cert}`)).toEqual([ca.trim(), cert.trim()]);
    expect(() => parseCaCertificates('/etc/ssl/private-ca.pem')).toThrow(
      /^ca-certificate must be the PEM text of one or more/,
    );
    const broken = ca.replace(/(-----BEGIN CERTIFICATE-----\n)..../, '$1AAAA');
    expect(() => parseCaCertificates(`${ca}\n${broken}`)).toThrow(
      'ca-certificate: certificate 2 of 2 is not a valid PEM certificate',
    );
  });

  it('extra-headers: one "Name: value" per line, names lower-cased, blank lines skipped', () => {
    expect(parseExtraHeaders('CF-Access-Client-Id: abc.access\n\r\n  X-Token :  a:b c  \r\n')).toEqual({
      'cf-access-client-id': 'abc.access',
      'x-token': 'a:b c',
    });
  });

  it.each([
    ['no-colon-here', 'extra-headers line 1 must be "Name: value", with a header name of letters, digits and -'],
    ['A: 1\nBad Name: 2', 'extra-headers line 2 must be "Name: value", with a header name of letters, digits and -'],
    [': value', 'extra-headers line 1 must be "Name: value", with a header name of letters, digits and -'],
    ['X-A: 1\n\nx-a: 2', 'extra-headers line 3 repeats the header x-a'],
    ['Authorization: Bearer x', 'extra-headers line 1 sets Authorization, which the action sets itself: remove it'],
    ['content-type: text/plain', 'extra-headers line 1 sets content-type, which the action sets itself: remove it'],
    ['Content-Length: 5', 'extra-headers line 1 sets Content-Length, which the action sets itself: remove it'],
    ['Host: evil', 'extra-headers line 1 sets Host, which the action sets itself: remove it'],
    ['X-A: caf\u00e9 \u2603', 'extra-headers line 1: the value of X-A has characters not allowed in a header'],
  ])('refuses %j naming the line, never the value', (raw, message) => {
    expect(() => parseExtraHeaders(raw)).toThrow(message);
  });
});

describe('name-prefix', () => {
  it.each(['TF VAR_', 'TF=', 'A<<'])('refuses %j, which would make every name one the runner misreads', (raw) => {
    expect(() => parsePrefix(raw)).toThrow(`name-prefix must not contain whitespace, "=" or "<<" (got "${raw}")`);
  });
  it('keeps a usual prefix as it is', () => {
    expect(parsePrefix('TF_VAR_')).toBe('TF_VAR_');
  });
});

describe('ignoredFileInputs', () => {
  it('names the file inputs given with another export type, and none with export-type file', () => {
    setInputs({ 'file-path': 'out.env', 'keep-file': 'true' });
    expect(ignoredFileInputs('env')).toBe(
      'file-path, keep-file only apply with export-type: file; with export-type: env no .env file is written',
    );
    expect(ignoredFileInputs('file')).toBeUndefined();
  });
});
