// method: aws-iam end to end through dist/: credentials from the environment (as
// aws-actions/configure-aws-credentials leaves them) or from an ECS container endpoint on loopback,
// a signature the fake Infisical verifies, and one-line failures. The SDK never reaches a real AWS or
// metadata address: IMDS is disabled, shared config files are empty, HOME is the step's own folder.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContainerCredentials } from './fake-aws.js';
import { startFake } from './fake-infisical.js';
import { DIST, errors, NODES, runStep, type Fake } from './harness.js';
import { findLeaks } from './leaks.js';

const KEYS = {
  accessKeyId: 'AKIAFAKE2E0000000001',
  secretAccessKey: 'e2e-secret/Key+0123456789abcdefghijklmn',
  sessionToken: 'e2e-session-token-FwoGZXIvYXdzEJr//////////',
};
const ENV_KEYS = {
  AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  AWS_SESSION_TOKEN: KEYS.sessionToken,
};
const IDENTITY = 'a5a50000-0000-4000-8000-0000000000a5';

let fake: Fake;
let empty: string;

beforeAll(async () => {
  fake = await startFake({
    aws: { identityId: IDENTITY, ...KEYS, allowedPrincipalArns: 'arn:aws:iam::123456789012:role/runner' },
    projects: { p: { environments: { dev: { secrets: { '/': { DB_PASSWORD: 'from-aws-login' } } } } } },
  });
  empty = join(mkdtempSync(join(tmpdir(), 'aws-cfg-')), 'empty');
  writeFileSync(empty, '');
});
afterAll(() => fake.close());

/** A step with method aws-iam: no AWS profile or config files, no EC2 metadata, region eu-west-1. */
function awsStep(env: Record<string, string | undefined>, inputs: Record<string, string> = {}, node?: string) {
  return runStep({
    node,
    inputs: {
      method: 'aws-iam',
      'identity-id': IDENTITY,
      'workspace-id': 'p',
      environment: 'dev',
      domain: fake.url,
      ...inputs,
    },
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: empty,
      AWS_SHARED_CREDENTIALS_FILE: empty,
      AWS_REGION: 'eu-west-1',
      ...env,
    },
  });
}

function lastAwsLogin(): { form: Record<string, string>; headers: Record<string, string> } {
  const request = fake.requests.filter((r) => r.route === 'aws').at(-1);
  const form = Object.fromEntries(new URLSearchParams(request?.body ?? ''));
  const headers = JSON.parse(Buffer.from(form['iamRequestHeaders'] ?? '', 'base64').toString()) as Record<
    string,
    string
  >;
  return { form, headers };
}

describe.each(NODES)('aws-iam under %s', (_name, node) => {
  it('logs in with the credentials configure-aws-credentials leaves in the environment', async () => {
    const result = await awsStep(ENV_KEYS, {}, node);
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.env['DB_PASSWORD']).toBe('from-aws-login');
    const { form, headers } = lastAwsLogin();
    expect(form['identityId']).toBe(IDENTITY);
    expect(form['iamHttpRequestMethod']).toBe('POST');
    expect(Buffer.from(form['iamRequestBody'] ?? '', 'base64').toString()).toBe(
      'Action=GetCallerIdentity&Version=2011-06-15',
    );
    expect(headers['host']).toBe('sts.eu-west-1.amazonaws.com');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(headers['x-amz-security-token']).toBe(KEYS.sessionToken);
    expect(fake.stsRefusals).toEqual([]);
  });
});

describe('aws-iam', () => {
  it('masks the secret key, session token and signature before anything prints them', async () => {
    const result = await awsStep(ENV_KEYS, { 'output-token': 'true' });
    expect(result.code).toBe(0);
    const { form, headers } = lastAwsLogin();
    const signature = /Signature=([0-9a-f]{64})$/.exec(headers['authorization'] ?? '')?.[1] ?? '';
    const secrets = [KEYS.secretAccessKey, KEYS.sessionToken, headers['authorization'] ?? '', signature];
    const masks = result.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
    for (const value of [...secrets, form['iamRequestHeaders'] ?? '']) expect(masks).toContain(`::add-mask::${value}`);
    expect(findLeaks(result.stdout, result.stderr, secrets)).toEqual([]);
  });

  it('logs in with ECS container credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI, not via a proxy', async () => {
    const task = { AccessKeyId: KEYS.accessKeyId, SecretAccessKey: KEYS.secretAccessKey, Token: KEYS.sessionToken };
    const ecs = await startContainerCredentials(task, 'ecs-auth-token');
    try {
      const result = await awsStep({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'ecs-auth-token',
        AWS_REGION: undefined,
        // The SDK asks the container endpoint directly, never through the job's proxy.
        HTTP_PROXY: 'http://127.0.0.1:9',
        http_proxy: 'http://127.0.0.1:9',
      });
      expect(errors(result)).toEqual([]);
      expect(result.env['DB_PASSWORD']).toBe('from-aws-login');
      expect(ecs.calls()).toBe(1);
      // No region set: us-east-1, as the AWS CLI.
      expect(lastAwsLogin().headers['host']).toBe('sts.us-east-1.amazonaws.com');
      expect(result.stdout).toContain(`::add-mask::${KEYS.secretAccessKey}\n`);
    } finally {
      await ecs.close();
    }
  });

  it('fails in one line saying what to set up when the runner has no AWS credentials', async () => {
    const before = fake.count('aws');
    const result = await awsStep({});
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      'AWS IAM login: no AWS credentials found on this runner. Set them up before this step with ' +
        'aws-actions/configure-aws-credentials (role-to-assume with permissions id-token: write), or run on a ' +
        'machine with an instance, task or pod role (EC2, ECS, EKS) (last source tried: EC2 Instance Metadata ' +
        'Service access disabled)',
    ]);
    expect(fake.count('aws')).toBe(before);
  });

  it('names the cause when the container credentials endpoint does not answer', async () => {
    const result = await awsStep({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' });
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(
      /no AWS credentials found .*\(last source tried: Error: connect ECONNREFUSED 127\.0\.0\.1:9\)$/,
    );
  });

  it('gives up on the credential chain after request-timeout × attempts when AWS does not answer', async () => {
    // EKS IRSA: the SDK exchanges the web identity token at STS itself. An STS (or a middlebox) that
    // takes the connection and never answers held the step until the job's timeout (6 hours by default).
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'irsa-')), 'token');
    writeFileSync(tokenFile, 'eyJhbGciOiJSUzI1NiJ9.aXJzYQ.c2ln');
    try {
      const started = Date.now();
      const result = await awsStep(
        {
          AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/runner',
          AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        },
        { 'request-timeout': '1', retries: '1' },
      );
      expect(errors(result)).toEqual([
        'AWS IAM login: reading the AWS credentials got no answer within 2 s (request-timeout × attempts): ' +
          'check that this runner reaches AWS (STS for a web identity, or its ECS or EC2 metadata endpoint)',
      ]);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports a signature Infisical (through STS) refused, with what to check', async () => {
    const refusals = fake.stsRefusals.length;
    const result = await awsStep({ ...ENV_KEYS, AWS_SECRET_ACCESS_KEY: 'not-the-key' }, { retries: '0' });
    expect(result.code).toBe(1);
    expect(fake.stsRefusals.slice(refusals)).toEqual(['signature does not match']);
    const [line, ...rest] = errors(result);
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^AWS IAM login failed: HTTP 500 Internal Server Error: Something went wrong \(reqId req-[\w-]+\)\. /,
    );
    expect(line).toMatch(
      /Infisical also answers 500 when AWS STS refused the signed request: check that the runner's AWS credentials are valid and unexpired, and the runner's clock$/,
    );
    expect(result.env['DB_PASSWORD']).toBeUndefined();
  });

  it("says to allow the runner's ARN when Infisical refuses the principal", async () => {
    const other = await startFake({
      aws: { identityId: IDENTITY, ...KEYS, allowedPrincipalArns: 'arn:aws:iam::123456789012:role/deployer' },
    });
    try {
      const result = await awsStep(ENV_KEYS, { domain: other.url });
      expect(errors(result)).toEqual([
        'AWS IAM login failed: HTTP 401 Unauthorized: Access denied: AWS principal ARN not allowed. ' +
          `[principal-arn=arn:aws:sts::123456789012:assumed-role/runner] (reqId ${/reqId (req-[\w-]+)/.exec(result.stdout)?.[1]}). ` +
          "Infisical refused this runner's AWS identity: add its role ARN or account ID to the identity's AWS Auth " +
          '(allowed principal ARNs, allowed account IDs)',
      ]);
    } finally {
      await other.close();
    }
  });

  it('points at identity-id when Infisical has no AWS Auth for it', async () => {
    const result = await awsStep(ENV_KEYS, { 'identity-id': '0e0e0000-0000-4000-8000-0000000000e0' });
    expect(errors(result)[0]).toMatch(
      /^AWS IAM login failed: HTTP 404 Not Found: AWS auth method not found for identity, did you configure AWS auth\? .*Check identity-id/,
    );
  });

  it('refuses a region Infisical would refuse before signing anything', async () => {
    const before = fake.count('aws');
    const result = await awsStep({ ...ENV_KEYS, AWS_REGION: 'Frankfurt' });
    expect(errors(result)).toEqual(['AWS_REGION must be an AWS region such as us-east-1 (got "Frankfurt")']);
    expect(fake.count('aws')).toBe(before);
  });

  it('requires identity-id', async () => {
    const result = await awsStep(ENV_KEYS, { 'identity-id': '' });
    expect(errors(result)).toEqual(['Input required and not supplied: identity-id']);
  });
});

describe('the AWS SDK is loaded only for aws-iam', () => {
  it('lives in dist/aws/index.js, not in dist/index.js', () => {
    const main = readFileSync(DIST, 'utf8');
    const aws = join(DIST, '..', 'aws', 'index.js');
    expect(existsSync(aws)).toBe(true);
    expect(readFileSync(aws, 'utf8')).toContain('SignatureV4');
    expect(main).not.toContain('SignatureV4');
    expect(main).not.toContain('credential-provider');
    expect(main).toContain('"./aws/index.js"');
  });
});
