// End to end: the built dist/index.js against the fake Infisical, run as the runner runs it,
// under the machine's Node and Node 24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { CORPUS } from './corpus.js';
import { NODES, commands, errors, runStep, warnings, type StepOptions } from './harness.js';
import { findLeaks } from './leaks.js';
import { WITHHELD } from '../src/names.js';

type Fake = Awaited<ReturnType<typeof startFake>>;
let fake: Fake;

const CREDS = { 'client-id': 'ci-id', 'client-secret': 'ci-secret-Zq8vX2pL' };

beforeAll(async () => {
  fake = await startFake({
    clientId: CREDS['client-id'],
    clientSecret: CREDS['client-secret'],
    projects: {
      'proj-1': {
        environments: {
          dev: {
            secrets: {
              '/': { FOO: 'BAR', REF: 'ref-to-${FOO}' },
              '/app': { APP_KEY: 'app-value-1' },
              '/dup': { FOO: 'dup-foo' },
              '/empty': {},
            },
          },
          withheld: { secrets: { '/': { DB_PASSWORD: 'real-Qx7vB2', VISIBLE: 'seen' } }, hidden: ['DB_PASSWORD'] },
          hostile: { secrets: { '/': CORPUS } },
          names: {
            secrets: {
              '/': {
                GOOD: 'good-value',
                'bad=name': 'v1',
                node_options: '--inspect',
                'a<<b': 'v2',
                'my-key.x': 'dotted',
                'LONE\ud800': 'v3',
              },
            },
          },
        },
        denied: ['secret-env'],
      },
    },
  });
});
afterAll(() => fake.close());

function step(inputs: Record<string, string>, options: StepOptions = {}) {
  return runStep({
    ...options,
    inputs: { ...CREDS, 'workspace-id': 'proj-1', environment: 'dev', domain: fake.url, ...inputs },
  });
}

describe.each(NODES)('end to end under %s', (_label, node) => {
  it('exports the seed example FOO=BAR as an environment variable and says where it went', async () => {
    const result = await step({ 'include-imports': 'false' }, { node });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.env['FOO']).toBe('BAR');
    expect(result.outputs).toEqual({});
    expect(result.stdout).toContain('Exported 2 secrets from dev:/ as environment variables');
  });

  it('round-trips every hostile value byte-exact through env and outputs, leaking nothing (debug on)', async () => {
    const result = await step(
      // As stored: expanding references, Infisical would turn ${PATH} into an empty string.
      { environment: 'hostile', 'export-type': 'both', 'expand-references': 'false' },
      { node, env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } },
    );
    expect(errors(result)).toEqual([]);
    for (const [key, value] of Object.entries(CORPUS)) {
      expect(result.env[key], key).toBe(value);
      expect(result.outputs[key], key).toBe(value);
    }
    expect(result.stdout).toMatch(/^::debug::Exported names: .*PEM_KEY/m);
    expect(result.stdout).toMatch(/^::debug::Logging in to http:\/\/127\.0\.0\.1:\d+ with method universal$/m);
    const listed = new RegExp(
      `^::debug::Listed ${Object.keys(CORPUS).length} secrets and 0 imported ones from .*, hostile:/ after \\d+ ms$`,
      'm',
    );
    expect(result.stdout).toMatch(listed);
    const masks = commands(result.stdout, 'add-mask');
    for (const value of Object.values(CORPUS).filter((v) => v.trim() !== '')) {
      expect(masks).toContain(value);
      expect(masks).toContain(value.trim()); // as a later step may print it (SURROUNDING_SPACES)
      for (const line of value.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '')) expect(masks).toContain(line);
    }
    const secrets = [...Object.values(CORPUS), CREDS['client-secret'], ...fake.tokens];
    expect(findLeaks(result.stdout, result.stderr, secrets)).toEqual([]);
    // Blank values cannot be masked: no add-mask line for them, and no warning about it.
    expect(result.stdout).not.toMatch(/^::add-mask::$/m);
    expect(warnings(result)).toEqual([]);
  });
});

describe('end to end behaviour', () => {
  it('sends the query Infisical expects, with the path prefix of the domain kept', async () => {
    const before = fake.requests.length;
    const result = await step({
      domain: `${fake.url}/infisical/`,
      'secret-path': '/app/',
      'expand-references': 'false',
    });
    expect(result.env).toEqual({ APP_KEY: 'app-value-1' });
    const [login, list] = fake.requests.slice(before);
    expect(login?.path).toBe('/infisical/api/v1/auth/universal-auth/login');
    expect(login?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(login?.body)).toEqual(
      new URLSearchParams({ clientId: 'ci-id', clientSecret: 'ci-secret-Zq8vX2pL' }),
    );
    expect(list?.path).toBe('/infisical/api/v3/secrets/raw');
    expect(list?.query).toEqual({
      workspaceId: 'proj-1',
      environment: 'dev',
      secretPath: '/app',
      recursive: 'false',
      include_imports: 'true',
      expandSecretReferences: 'false',
    });
    expect(list?.headers.authorization).toMatch(/^Bearer fake-token-/);
    // The action's own user agent, as HttpClient sends it, on every call.
    expect([login?.headers['user-agent'], list?.headers['user-agent']]).toEqual([
      'infisical-secrets-action',
      'infisical-secrets-action',
    ]);
  });

  it('never exports the placeholder of a value Infisical withheld: one warning, or an error when listed', async () => {
    const all = await step({ environment: 'withheld' });
    expect([all.code, all.env]).toEqual([0, { VISIBLE: 'seen' }]);
    expect(warnings(all)).toEqual([`Secret "DB_PASSWORD" was not exported: ${WITHHELD}`]);
    expect(all.stdout).not.toContain('hidden-by-infisical');
    const listed = await step({ environment: 'withheld', secrets: 'VISIBLE\nDB_PASSWORD' });
    expect(errors(listed)).toEqual([`secrets line 2: cannot export "DB_PASSWORD": ${WITHHELD}`]);
    expect(listed.envText).toBe('');
  });

  it('expands references server-side by default', async () => {
    const result = await step({ 'include-imports': 'false' });
    expect(result.env['REF']).toBe('ref-to-BAR');
  });

  it('exports as step outputs only with export-type output', async () => {
    const result = await step({ 'export-type': 'output', 'include-imports': 'false' });
    expect(result.env).toEqual({});
    expect(result.outputs['FOO']).toBe('BAR');
    expect(result.stdout).toContain('as step outputs');
    expect(warnings(result)).toEqual([]);
  });

  it('warns when file inputs are given without export-type file, and writes no file', async () => {
    const result = await step({
      'export-type': 'output',
      'include-imports': 'false',
      'file-path': 'x.env',
      'keep-file': 'true',
    });
    expect(result.outputs['FOO']).toBe('BAR');
    expect(warnings(result)).toEqual([
      'file-path, keep-file only apply with export-type: file; with export-type: output no .env file is written',
    ]);
  });

  it('fails naming the key and both paths when recursive finds one key twice, exporting nothing', async () => {
    const result = await step({ recursive: 'true', 'include-imports': 'false' });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      'Two secrets would be exported as FOO: FOO from / and FOO from /dup. ' +
        'Pick one with the secrets input (/folder/KEY | NAME) or read one folder with secret-path',
    ]);
    expect(result.envText).toBe('');
  });

  it('skips unsafe names with one warning each and exports the rest under their own names', async () => {
    const result = await step({ environment: 'names' });
    expect(result.code).toBe(0);
    expect(result.env).toEqual({ GOOD: 'good-value', 'my-key.x': 'dotted' });
    expect(warnings(result)).toEqual([
      // In Infisical's order: sorted by key.
      'Secret "LONE\\ud800" was not exported: the name is not valid Unicode text (a lone surrogate)',
      'Secret "a<<b" was not exported: the name contains "<<"',
      'Secret "bad=name" was not exported: the name contains "="',
      'Secret "node_options" was not exported: the runner refuses to set NODE_OPTIONS',
    ]);
  });

  it('warns on an empty result naming workspace, environment and path', async () => {
    const result = await step({ 'secret-path': '/empty' });
    expect(result.code).toBe(0);
    expect(warnings(result)).toEqual([
      'No secrets found in project proj-1, environment dev, path /empty. Check secret-path and what the ' +
        'identity may read (an older Infisical also answers an unknown environment or path with an empty list, not an error).',
    ]);
  });

  it('fails on an empty result with fail-on-empty', async () => {
    const result = await step({ 'secret-path': '/empty', 'fail-on-empty': 'true' });
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toMatch(/^No secrets found in project proj-1, environment dev, path \/empty/);
    expect(result.envText).toBe('');
  });

  it.each([
    [{ 'client-id': '' }, 'Input required and not supplied: client-id'],
    [{ 'client-secret': '' }, 'Input required and not supplied: client-secret'],
    [
      { 'client-id': '', 'identity-id': 'ident-1' },
      'identity-id is set but method is universal, which takes client-id and client-secret: set method (oidc, aws-iam, kubernetes, gcp-id-token, azure, jwt)',
    ],
    [{ 'workspace-id': '' }, 'Input required and not supplied: workspace-id (or project-slug)'],
    [{ environment: '' }, 'Input required and not supplied: environment'],
    [{ 'export-type': 'json' }, 'export-type must be one of env, output, both, file (got "json")'],
    [{ recursive: 'yes' }, 'recursive must be true or false (got "yes")'],
    [{ 'fail-on-empty': '1' }, 'fail-on-empty must be true or false (got "1")'],
    [
      { domain: 'ftp://example.com' },
      'domain must be an http(s) URL such as https://app.infisical.com (got "ftp://example.com")',
    ],
    [{ domain: 'not a url' }, 'domain must be an http(s) URL such as https://app.infisical.com (got "not a url")'],
    [{ 'secret-path': '/app\n/api' }, 'secret-path must be one folder path such as /app/api (got "/app\\n/api")'],
    [
      { 'ca-certificate': '/etc/ssl/certs/private.pem' },
      'ca-certificate must be the PEM text of one or more certificates (-----BEGIN CERTIFICATE----- ...), not a file path',
    ],
    [{ retries: '20' }, 'retries must be a whole number from 0 to 10 (got "20")'],
    [{ 'request-timeout': '0' }, 'request-timeout must be a number of seconds from 0.001 to 600 (got "0")'],
  ])('rejects bad input %j before any request, exporting nothing', async (inputs, message) => {
    const before = fake.requests.length;
    const result = await step(inputs);
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([message]);
    expect(fake.requests.length).toBe(before);
    expect(result.envText).toBe('');
  });

  it.each([
    [
      { 'client-secret': 'wrong-secret-value' },
      'Universal Auth login failed: HTTP 401 Unauthorized: Invalid credentials (reqId req-',
      'Check client-id and client-secret',
    ],
    [
      { 'workspace-id': 'unknown' },
      "Listing secrets failed: HTTP 404 Not Found: Project with ID 'unknown' not found during bot lookup. Are you sure you are using the correct project ID? (reqId req-",
      'Check workspace-id, environment and secret-path',
    ],
    [
      { environment: 'nope', 'secret-path': '/app' },
      "Listing secrets failed: HTTP 404 Not Found: Folder with path '/app' in environment 'nope' was not found. " +
        'Please ensure the environment slug and secret path is correct. (reqId req-',
      'Check workspace-id, environment and secret-path',
    ],
    [
      { environment: 'secret-env' },
      'Listing secrets failed: HTTP 403 Forbidden: You are not allowed to read secrets in this environment (reqId req-',
      'lacks access to project proj-1 or environment secret-env',
    ],
  ])(
    'fails an HTTP error with one line: call, status, message, reqId, hint (%j)',
    async (inputs: Record<string, string>, start, hint) => {
      const before = fake.requests.length;
      const result = await step(inputs);
      expect(result.code).toBe(1);
      const [error, ...rest] = errors(result);
      expect(rest).toEqual([]);
      expect(error).toContain(start);
      expect(error).toContain(hint);
      expect(result.envText).toBe('');
      expect(result.stderr).toBe('');
      // A 401 at login is never retried: Infisical locks the client after 3 failures.
      if (inputs['client-secret']) expect(fake.requests.length - before).toBe(1);
      expect(findLeaks(result.stdout, result.stderr, [inputs['client-secret'] ?? CREDS['client-secret']])).toEqual([]);
    },
  );

  it('masks the client secret before anything else is printed', async () => {
    const result = await step({ 'export-type': 'json' });
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${CREDS['client-secret']}`);
  });
});
