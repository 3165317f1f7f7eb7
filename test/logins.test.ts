// End to end through dist/: every login method against the fake Infisical, with the credential
// sources as a runner has them (a token file, a metadata service, GitHub's ID token service, an
// input), and the one-line failure when a source is missing or Infisical refuses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { cloudJwt, IDENTITY_HEADER, startMetadataServer } from './fake-metadata.js';
import { errors, NODES, runMainAndPost, runStep, type Fake, type StepOptions } from './harness.js';
import { jwtFor, REQUEST_TOKEN, startIdTokenServer } from './id-token-server.js';
import { findLeaks } from './leaks.js';
import { startProxy } from './proxy.js';

const K8S_JWT = 'eyJhbGciOiJSUzI1NiJ9.azhzLXNlcnZpY2UtYWNjb3VudA.c2ln';
const GIVEN_JWT = 'eyJhbGciOiJFUzI1NiJ9.Z2l2ZW4tand0.c2ln';
const AZURE = 'https://management.azure.com/';
const SECRET_VALUE = 'login-secret-value-5Rt';
/** The identities' IDs, UUIDs as Infisical's are. */
const ID = {
  k8s: '6b8c0000-0000-4000-8000-00000000008c',
  gcp: '9c9c0000-0000-4000-8000-0000000000c9',
  azure: 'a2a20000-0000-4000-8000-0000000000a2',
  jwt: 'b1b10000-0000-4000-8000-0000000000b1',
  other: '0e0e0000-0000-4000-8000-0000000000e0',
};

let fake: Fake;
let metadata: Awaited<ReturnType<typeof startMetadataServer>>;
let ids: Awaited<ReturnType<typeof startIdTokenServer>>;
// Module scope: the test tables below are built before beforeAll runs.
const tokenFile = join(mkdtempSync(join(tmpdir(), 'k8s-')), 'token');

beforeAll(async () => {
  [metadata, ids] = await Promise.all([startMetadataServer(), startIdTokenServer()]);
  fake = await startFake({
    logins: {
      kubernetes: { identityId: ID.k8s, jwt: K8S_JWT },
      gcp: { identityId: ID.gcp, jwt: cloudJwt('gcp', ID.gcp) },
      azure: { identityId: ID.azure, jwt: cloudJwt('azure', AZURE) },
      jwt: { identityId: ID.jwt, jwt: GIVEN_JWT },
    },
    projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'BAR', KEY: SECRET_VALUE } } } } } },
  });
  writeFileSync(tokenFile, `${K8S_JWT}\n`);
});
afterAll(() => Promise.all([fake.close(), metadata.close(), ids.close()]));

function step(inputs: Record<string, string>, env: Record<string, string> = {}, node?: string): StepOptions {
  return {
    node,
    env: { INFISICAL_ACTION_RETRY_BASE_MS: '1', ...env },
    inputs: { 'workspace-id': 'p', environment: 'dev', domain: fake.url, ...inputs },
  };
}

const gcp = { method: 'gcp-id-token', 'identity-id': ID.gcp };
const azure = { method: 'azure', 'identity-id': ID.azure };
const gcpEnv = () => ({ GCE_METADATA_HOST: metadata.host });
const imdsEnv = () => ({ AZURE_POD_IDENTITY_AUTHORITY_HOST: metadata.url });

describe.each(NODES)('logging in under %s', (_label, node) => {
  const cases: Array<[string, () => StepOptions, string[]]> = [
    ['kubernetes: the service-account token file', () => step(kubernetesInputs(), {}, node), [K8S_JWT]],
    ['gcp-id-token: the metadata server, audience the identity ID', () => step(gcp, gcpEnv(), node), []],
    ['azure: the instance metadata service', () => step(azure, imdsEnv(), node), [cloudJwt('azure', AZURE)]],
    [
      'azure: the App Service identity endpoint',
      () => step(azure, { IDENTITY_ENDPOINT: `${metadata.url}/msi/token`, IDENTITY_HEADER: IDENTITY_HEADER }, node),
      [cloudJwt('azure', AZURE), IDENTITY_HEADER],
    ],
    ['jwt: the jwt input', () => step({ method: 'jwt', 'identity-id': ID.jwt, jwt: GIVEN_JWT }, {}, node), []],
  ];
  it.each(cases)('%s', async (_case, options, credentials) => {
    const before = new Set(fake.tokens);
    const { main, post } = await runMainAndPost(options());
    expect(errors(main)).toEqual([]);
    expect(main.env).toEqual({ FOO: 'BAR', KEY: SECRET_VALUE });
    const token = [...fake.tokens].find((t) => !before.has(t)) ?? '';
    expect(fake.revoked.has(token)).toBe(true);
    const secrets = [token, SECRET_VALUE, GIVEN_JWT, cloudJwt('gcp', ID.gcp), ...credentials];
    for (const s of [main, post]) expect(findLeaks(s.stdout, s.stderr, secrets)).toEqual([]);
  });
});

describe('logging in', () => {
  it('asks the GCP metadata server for the identity ID as audience, in full format, and masks the token', async () => {
    const result = await runStep(step(gcp, gcpEnv()));
    expect(errors(result)).toEqual([]);
    const asked = metadata.requests.at(-1);
    expect(asked?.url.searchParams.get('audience')).toBe(ID.gcp);
    expect(asked?.url.searchParams.get('format')).toBe('full');
    expect(result.stdout).toContain(`::add-mask::${cloudJwt('gcp', ID.gcp)}\n`);
  });

  it('asks Azure for azure-resource, and for the AZURE_CLIENT_ID identity when set', async () => {
    const result = await runStep(step({ ...azure, 'azure-resource': 'api://infisical' }, imdsEnv()));
    expect(errors(result)[0]).toMatch(
      new RegExp(`^Azure Auth login failed: HTTP 401 Unauthorized: .*Infisical refused identity ${ID.azure}`),
    );
    expect(metadata.requests.at(-1)?.url.searchParams.get('resource')).toBe('api://infisical');
    await runStep(step(azure, { ...imdsEnv(), AZURE_CLIENT_ID: 'client-7' }));
    expect(metadata.requests.at(-1)?.url.searchParams.get('client_id')).toBe('client-7');
  });

  it("jwt without the input sends the job's GitHub ID token for oidc-audience", async () => {
    const accepted = await startFake({
      logins: { jwt: { identityId: ID.jwt, jwt: jwtFor('jwt-aud') } },
      projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'BAR' } } } } } },
    });
    const inputs = { method: 'jwt', 'identity-id': ID.jwt, 'oidc-audience': 'jwt-aud', domain: accepted.url };
    const result = await runStep(step(inputs, ids.env));
    await accepted.close();
    expect(errors(result)).toEqual([]);
    expect(result.env['FOO']).toBe('BAR');
    expect(ids.audiences.at(-1)).toBe('jwt-aud');
    expect(findLeaks(result.stdout, result.stderr, [jwtFor('jwt-aud'), REQUEST_TOKEN])).toEqual([]);
  });

  it('token: no login call, the token masked first, and the post step never revokes it', async () => {
    const given = 'given-access-token-8Yw';
    fake.tokens.add(given);
    const logins = fake.requests.filter((r) => r.path.includes('/auth/')).length;
    const { main, post } = await runMainAndPost(step({ method: 'token', token: given, 'output-token': 'true' }));
    expect(errors(main)).toEqual([]);
    expect(main.stdout.split('\n')[0]).toBe(`::add-mask::${given}`);
    expect(main.env['FOO']).toBe('BAR');
    expect(fake.requests.filter((r) => r.path.includes('/auth/')).length).toBe(logins);
    expect(fake.revoked.has(given)).toBe(false);
    expect(post.stdout).toBe('');
    for (const s of [main, post]) expect(findLeaks(s.stdout, s.stderr, [given])).toEqual([]);
  });

  it('never sends a metadata request through a proxy, nor the extra headers', async () => {
    const proxy = await startProxy(metadata.port);
    // An IPv4-mapped loopback address: a proxy would be used for it, unlike 127.0.0.1.
    const env = { GCE_METADATA_HOST: `[::ffff:127.0.0.1]:${metadata.port}`, http_proxy: proxy.url };
    const result = await runStep(step({ ...gcp, 'extra-headers': 'X-Gate: gate-secret-1' }, env));
    await proxy.close();
    expect(errors(result)).toEqual([]);
    expect(proxy.seen).toEqual([]);
    expect(metadata.requests.at(-1)?.headers['x-gate']).toBeUndefined();
    expect(fake.requests.findLast((r) => r.route === 'gcp')?.headers['x-gate']).toBe('gate-secret-1');
  });
});

describe('a login that cannot happen fails with one line', () => {
  const closed = 'http://127.0.0.1:9';
  it.each<[string, Record<string, string>, Record<string, string>, RegExp]>([
    [
      'kubernetes without the token file',
      { ...kubernetesInputs(), 'kubernetes-token-path': '/nonexistent/token' },
      {},
      /^method kubernetes needs the pod's service-account token, but \/nonexistent\/token does not exist: run the runner in a pod .*or set kubernetes-token-path$/,
    ],
    [
      'kubernetes with an identity without Kubernetes Auth',
      { ...kubernetesInputs(), 'identity-id': ID.other },
      {},
      new RegExp(
        '^Kubernetes Auth login failed: HTTP 404 Not Found: Kubernetes auth method not found for identity.*' +
          `Check identity-id and that identity ${ID.other} has Kubernetes Auth configured$`,
      ),
    ],
    [
      'gcp-id-token off Google Cloud',
      { ...gcp, retries: '0' },
      { GCE_METADATA_HOST: '127.0.0.1:9' },
      /^Getting the GCP identity token failed: connection refused \(127\.0\.0\.1:9\)\. method gcp-id-token needs the Google Cloud metadata server/,
    ],
    [
      'azure without a managed identity service',
      { ...azure, retries: '0' },
      { AZURE_POD_IDENTITY_AUTHORITY_HOST: closed },
      /^Getting the Azure managed identity token failed: connection refused \(127\.0\.0\.1:9\)\. method azure needs a managed identity/,
    ],
    [
      'azure on Azure Arc',
      azure,
      { IDENTITY_ENDPOINT: `${closed}/metadata/identity/oauth2/token` },
      /^method azure: Azure Arc managed identities are not supported/,
    ],
    [
      'jwt without the input nor id-token permission',
      { method: 'jwt', 'identity-id': ID.jwt },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
      /^method jwt without the jwt input needs a GitHub ID token: add `permissions: id-token: write`/,
    ],
    [
      'jwt refused',
      { method: 'jwt', 'identity-id': ID.jwt, jwt: 'eyJ.d3Jvbmc.c2ln' },
      {},
      new RegExp(
        '^JWT Auth login failed: HTTP 401 Unauthorized: Access denied: token audience not allowed \\(reqId req-[\\w-]+\\)\\. ' +
          `Infisical refused identity ${ID.jwt}: its JWT Auth configuration`,
      ),
    ],
    [
      "an identity's name as identity-id (Infisical answers 500, which reads as an outage)",
      { ...kubernetesInputs(), 'identity-id': 'my-ci-identity' },
      {},
      /^identity-id must be the machine identity's ID, a UUID such as .*, not its name$/,
    ],
    ['token without the token input', { method: 'token' }, {}, /^Input required and not supplied: token$/],
  ])('%s', async (_case, inputs, env, message) => {
    const result = await runStep(step(inputs, env));
    expect(result.code).toBe(1);
    const [line, ...more] = errors(result);
    expect(more).toEqual([]);
    expect(line).toMatch(message);
  });

  it('a metadata server that is not Google', async () => {
    const other = await startMetadataServer({ notGoogle: true });
    const result = await runStep(step(gcp, { GCE_METADATA_HOST: other.host }));
    await other.close();
    expect(errors(result)).toEqual([
      expect.stringMatching(
        new RegExp(`^Getting the GCP identity token failed: ${other.host} is not a Google metadata server`),
      ),
    ]);
  });

  it('an Azure machine without the managed identity AZURE_CLIENT_ID names', async () => {
    // A job may set AZURE_CLIENT_ID for another tool (an app registration's ID): Azure then looks for
    // a user-assigned identity with that ID, and the machine's own identity is not used.
    const other = await startMetadataServer({ noIdentity: true });
    const env = { AZURE_POD_IDENTITY_AUTHORITY_HOST: other.url, AZURE_CLIENT_ID: 'app-registration-id' };
    const result = await runStep(step(azure, env));
    await other.close();
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Getting the Azure managed identity token failed: HTTP 400 Bad Request\. method azure needs a managed identity: .*; AZURE_CLIENT_ID is set in the job's environment: it asks for the user-assigned managed identity with that client ID \(unset it to use the machine's own identity\)$/,
      ),
    ]);
  });

  it('an Azure machine without a managed identity', async () => {
    const other = await startMetadataServer({ noIdentity: true });
    const result = await runStep(step(azure, { AZURE_POD_IDENTITY_AUTHORITY_HOST: other.url }));
    await other.close();
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Getting the Azure managed identity token failed: HTTP 400 Bad Request\. method azure needs a managed identity/,
      ),
    ]);
    expect(errors(result)[0]).not.toContain('AZURE_CLIENT_ID');
  });
});

function kubernetesInputs(): Record<string, string> {
  return { method: 'kubernetes', 'identity-id': ID.k8s, 'kubernetes-token-path': tokenFile };
}
