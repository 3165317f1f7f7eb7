import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_PATH, ignoredFileInputs, parseBoolean, parsePrefix, readSettings } from '../src/inputs.js';
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
    setInputs({ 'file-path': 'out.env' });
    expect(ignoredFileInputs({ exportType: 'env', keepFile: true })).toBe(
      'file-path, keep-file only apply with export-type: file; with export-type: env no .env file is written',
    );
    expect(ignoredFileInputs({ exportType: 'file', keepFile: true })).toBeUndefined();
  });
});
