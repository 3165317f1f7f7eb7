// The AWS side of AWS IAM login in-process: region rules, hints, and the signed request as the fake
// Infisical verifies it (so these tests also show the fake's SigV4 check refuses what STS would).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginHint, signCallerIdentity, STS_BODY, stsRegion } from '../src/login/aws-sts.js';
import { awsAuth } from './fake-aws.js';

/** The signed headers a login form carries, decoded. */
function headersOf(form: { iamRequestHeaders: string }): Record<string, string> {
  return JSON.parse(Buffer.from(form.iamRequestHeaders, 'base64').toString()) as Record<string, string>;
}

const KEYS = { accessKeyId: 'AKIAFAKEUNIT', secretAccessKey: 'unit-secret/key+1', sessionToken: 'unit-session-token' };

describe('stsRegion', () => {
  it('takes AWS_REGION, then AWS_DEFAULT_REGION, else us-east-1', () => {
    expect(stsRegion({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(stsRegion({ AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(stsRegion({})).toBe('us-east-1');
  });

  it('refuses what Infisical would refuse as a region, naming the variable', () => {
    expect(() => stsRegion({ AWS_REGION: 'EU West 1' })).toThrow(
      'AWS_REGION must be an AWS region such as us-east-1 (got "EU West 1")',
    );
    expect(() => stsRegion({ AWS_DEFAULT_REGION: 'x'.repeat(21) })).toThrow(/^AWS_DEFAULT_REGION must be/);
  });
});

describe('loginHint', () => {
  it("points a refusal at the identity's allowed ARNs and accounts, a 404 at identity-id", () => {
    expect(loginHint(401)).toMatch(/allowed principal ARNs, allowed account IDs/);
    expect(loginHint(404)).toMatch(/^Check identity-id/);
    expect(loginHint(418)).toBeUndefined();
  });
});

describe('signCallerIdentity', () => {
  let masks: string[];
  beforeEach(() => {
    masks = [];
    const empty = join(mkdtempSync(join(tmpdir(), 'aws-')), 'empty');
    writeFileSync(empty, '');
    vi.stubEnv('AWS_ACCESS_KEY_ID', KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', KEYS.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', KEYS.sessionToken);
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', empty);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', empty);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  });
  afterEach(() => vi.unstubAllEnvs());

  const sign = () => signCallerIdentity((values) => masks.push(...values), 5000);

  it('signs GetCallerIdentity for the regional STS host, which the fake verifies', async () => {
    const form = await sign();
    expect(form.iamHttpRequestMethod).toBe('POST');
    expect(Buffer.from(form.iamRequestBody, 'base64').toString()).toBe(STS_BODY);
    const headers = headersOf(form);
    expect(headers['host']).toBe('sts.eu-central-1.amazonaws.com');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(headers['x-amz-security-token']).toBe(KEYS.sessionToken);
    expect(headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEUNIT\/\d{8}\/eu-central-1\/sts\//);
    const fake = awsAuth({ identityId: 'id-1', ...KEYS });
    expect(fake.login({ identityId: 'id-1', ...form })).toBeUndefined();
    expect(fake.stsRefusals).toEqual([]);
  });

  it('masks the secret key, session token, Authorization, signature and encoded headers', async () => {
    const form = await sign();
    const headers = headersOf(form);
    const signature = /Signature=([0-9a-f]{64})$/.exec(headers['authorization'] ?? '')?.[1] ?? '';
    for (const value of [KEYS.secretAccessKey, KEYS.sessionToken, headers['authorization'], signature]) {
      expect(masks).toContain(value);
    }
    expect(masks).toContain(form.iamRequestHeaders);
  });

  it('is refused by the fake STS when anything signed is changed or the key is wrong', async () => {
    const form = await sign();
    const headers = headersOf(form);
    const encode = (h: Record<string, string>) => Buffer.from(JSON.stringify(h)).toString('base64');
    const fake = awsAuth({ identityId: 'id-1', ...KEYS });
    const tampered = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
    expect(fake.login({ identityId: 'id-1', ...form, iamRequestHeaders: encode(tampered) })?.status).toBe(500);
    const body = Buffer.from('Action=GetCallerIdentity&Version=2011-06-16').toString('base64');
    expect(fake.login({ identityId: 'id-1', ...form, iamRequestBody: body })?.status).toBe(500);
    const otherKey = awsAuth({ identityId: 'id-1', ...KEYS, secretAccessKey: 'other' });
    expect(otherKey.login({ identityId: 'id-1', ...form })?.message).toBe('Something went wrong');
    expect([...fake.stsRefusals, ...otherKey.stsRefusals]).toEqual([
      'signature does not match',
      'not a GetCallerIdentity POST',
      'signature does not match',
    ]);
  });

  it('answers as Infisical for a region it refuses and an identity without AWS Auth', async () => {
    const form = await sign();
    const headers = headersOf(form);
    const badRegion = (headers['authorization'] ?? '').replace('/eu-central-1/', '/EU/');
    const encoded = Buffer.from(JSON.stringify({ ...headers, authorization: badRegion })).toString('base64');
    const fake = awsAuth({ identityId: 'id-1', ...KEYS });
    expect(fake.login({ identityId: 'id-1', ...form, iamRequestHeaders: encoded })).toEqual({
      status: 400,
      message: 'Invalid AWS region',
      error: 'BadRequest',
    });
    expect(fake.login({ identityId: 'id-2', ...form })?.status).toBe(404);
    const accounts = awsAuth({ identityId: 'id-1', ...KEYS, allowedAccountIds: '111111111111, 222222222222' });
    expect(accounts.login({ identityId: 'id-1', ...form })?.message).toBe('Access denied: AWS account ID not allowed.');
  });

  it('says what to set up when the chain finds no credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    await expect(sign()).rejects.toThrow(
      /^AWS IAM login: no AWS credentials found on this runner\. Set them up before this step with aws-actions\/configure-aws-credentials/,
    );
  });
});
