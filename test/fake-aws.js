// Infisical's AWS Auth login for the fake Infisical, with the part of AWS STS it relies on, and a fake
// ECS container-credentials endpoint. The login decodes the signed sts:GetCallerIdentity request and
// verifies its AWS Signature V4 by recomputing it here with node:crypto (independent of the SDK the
// action signs with), as STS would when Infisical replays it.
//
// What Infisical does (backend identity-aws-auth-service): 404 for an identity without AWS Auth;
// region = third part of the Authorization header's Credential scope, [a-z0-9-]{1,20} or 400 "Invalid
// AWS region"; the request goes to https://sts.<region>.amazonaws.com with the given method, body and
// headers; whatever STS refuses surfaces as Infisical's generic 500 "Something went wrong"; then the
// allowed account IDs and principal ARNs (401), and a token in Universal Auth's 200 shape.
import http from 'node:http';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @typedef {{ identityId: string, accessKeyId: string, secretAccessKey: string, sessionToken?: string,
 *   account?: string, arn?: string, allowedAccountIds?: string, allowedPrincipalArns?: string }} AwsAuthOptions
 * @typedef {{ status: number, message: string, error: string }} Refusal
 */

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
/** How far X-Amz-Date may be from now before STS refuses the request. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const sha256 = (/** @type {string} */ text) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (/** @type {string | Buffer} */ key, /** @type {string} */ text) =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=a;b, Signature=hex" → its fields. */
function parseAuthorization(/** @type {string} */ value) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(value);
  if (!match) return undefined;
  const [accessKeyId, date, region, service, terminator] = (match[1] ?? '').split('/');
  return { accessKeyId, date, region, service, terminator, signed: (match[2] ?? '').split(';'), signature: match[3] };
}

/** X-Amz-Date (20261128T162231Z) as milliseconds. */
function amzTime(/** @type {string} */ value) {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/**
 * What STS says about a replayed request: undefined when it accepts it, else why not.
 * @param {AwsAuthOptions} aws @param {string} method @param {string} host @param {Record<string, string>} headers
 * @param {string} body
 */
function stsRefusal(aws, method, host, headers, body) {
  const get = (/** @type {string} */ name) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.toString();
  const auth = parseAuthorization(get('authorization') ?? '');
  if (!auth) return 'no AWS4-HMAC-SHA256 Authorization header';
  if (method !== 'POST' || body !== STS_BODY) return 'not a GetCallerIdentity POST';
  if (get('host') !== host) return `Host is not ${host}`;
  if (auth.accessKeyId !== aws.accessKeyId) return 'unknown access key';
  if (auth.service !== 'sts' || auth.terminator !== 'aws4_request') return 'credential scope is not for sts';
  for (const name of ['host', 'x-amz-date', ...(aws.sessionToken ? ['x-amz-security-token'] : [])]) {
    if (!auth.signed.includes(name)) return `${name} is not signed`;
  }
  if (aws.sessionToken && get('x-amz-security-token') !== aws.sessionToken) return 'wrong session token';
  const amzDate = get('x-amz-date') ?? '';
  if (!(Math.abs(amzTime(amzDate) - Date.now()) <= MAX_SKEW_MS)) return 'X-Amz-Date missing or too far from now';
  if (amzDate.slice(0, 8) !== auth.date) return 'credential scope date is not X-Amz-Date';
  const canonicalHeaders = auth.signed
    .map((name) => `${name}:${(get(name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [method, '/', '', canonicalHeaders, auth.signed.join(';'), sha256(body)].join('\n');
  const scope = `${auth.date}/${auth.region}/sts/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${aws.secretAccessKey}`, auth.date ?? '');
  for (const part of [auth.region ?? '', 'sts', 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(auth.signature ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'signature does not match';
}

/** The ARNs Infisical matches allowed principal ARNs against: an assumed role also as its role. */
function principalArns(/** @type {string} */ arn) {
  const assumed = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (!assumed) return [arn];
  const [, partition, account, role] = assumed;
  return [`arn:${partition}:sts::${account}:assumed-role/${role}`, `arn:${partition}:iam::${account}:role/${role}`];
}

/** Infisical's wildcard match of an allowed principal ARN. */
function arnAllowed(/** @type {string} */ pattern, /** @type {string[]} */ arns) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return arns.some((arn) => new RegExp(`^${escaped}$`).test(arn));
}

/**
 * The fake's AWS Auth: `login(body)` answers a login form with a Refusal, or undefined to issue a token.
 * `stsRefusals` records why STS refused each replayed request, for tests to check the cause.
 * @param {AwsAuthOptions | undefined} aws
 */
export function awsAuth(aws) {
  /** @type {string[]} */
  const stsRefusals = [];
  /** @param {Record<string, string>} body @returns {Refusal | undefined} */
  function login(body) {
    const notFound = 'AWS auth method not found for identity, did you configure AWS auth?';
    if (!aws || body.identityId !== aws.identityId) return { status: 404, message: notFound, error: 'NotFound' };
    if (!body.iamRequestBody || !body.iamRequestHeaders) {
      return { status: 422, message: 'iamRequestBody and iamRequestHeaders are required', error: 'ValidationFailure' };
    }
    const generic = { status: 500, message: 'Something went wrong', error: 'InternalServerError' };
    /** @type {Record<string, string>} */
    let headers;
    try {
      headers = JSON.parse(Buffer.from(body.iamRequestHeaders, 'base64').toString());
    } catch {
      return generic;
    }
    const authorization = headers['Authorization'] ?? headers['authorization'] ?? '';
    const region = /Credential=[^/\s]*\/[^/\s]*\/([^/\s]*)/.exec(authorization)?.[1] ?? '';
    if (!/^[a-z0-9-]{1,20}$/.test(region)) return { status: 400, message: 'Invalid AWS region', error: 'BadRequest' };
    const method = body.iamHttpRequestMethod || 'POST';
    const stsBody = Buffer.from(body.iamRequestBody, 'base64').toString();
    const refusal = stsRefusal(aws, method, `sts.${region}.amazonaws.com`, headers, stsBody);
    if (refusal) return (stsRefusals.push(refusal), generic);
    const account = aws.account ?? '123456789012';
    const arns = principalArns(aws.arn ?? `arn:aws:sts::${account}:assumed-role/runner/GitHubActions`);
    const accounts = aws.allowedAccountIds?.split(',').map((id) => id.trim());
    if (accounts && !accounts.includes(account)) {
      return { status: 401, message: 'Access denied: AWS account ID not allowed.', error: 'UnauthorizedError' };
    }
    const patterns = aws.allowedPrincipalArns?.split(',').map((p) => p.trim());
    if (patterns && !patterns.some((pattern) => arnAllowed(pattern, arns))) {
      const message = `Access denied: AWS principal ARN not allowed. [principal-arn=${arns[0]}]`;
      return { status: 401, message, error: 'UnauthorizedError' };
    }
    return undefined;
  }
  return { login, stsRefusals };
}

/**
 * An ECS/EKS container-credentials endpoint on loopback (AWS_CONTAINER_CREDENTIALS_FULL_URI), answering
 * with `credentials` when the request carries `authorization` (AWS_CONTAINER_AUTHORIZATION_TOKEN).
 * @param {{ AccessKeyId: string, SecretAccessKey: string, Token: string }} credentials
 * @param {string} authorization
 */
export async function startContainerCredentials(credentials, authorization) {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    if (req.headers.authorization !== authorization) return res.writeHead(403).end('{"message":"forbidden"}');
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...credentials, Expiration: expiration, RoleArn: 'arn:aws:iam::123456789012:role/task' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/v2/credentials/task`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
