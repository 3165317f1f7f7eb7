// The AWS side of AWS IAM login: the SDK's default credential chain and its SigV4 signer, applied to
// an sts:GetCallerIdentity request that Infisical replays to AWS STS to learn who the runner is.
// Bundled on its own into dist/aws/ and loaded from aws-iam.ts through import() only when AWS IAM login
// is chosen; it shares no module with dist/index.js (src/runner.ts `mask` is passed in). The hints for
// Infisical's answers live here too, to keep dist/index.js as it was.
//
// Infisical (backend identity-aws-auth-service) takes the region from the Credential scope of the
// Authorization header, accepts only [a-z0-9-]{1,20}, and sends the request to
// https://sts.<region>.amazonaws.com with the headers as given: so the request is signed for that
// regional endpoint and its Host. The AWS China partition (amazonaws.com.cn) cannot work that way.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

class AwsError extends Error {}

/** src/runner.ts `mask`. */
type Mask = (values: string[]) => void;
type AwsCredentials = Awaited<ReturnType<ReturnType<typeof defaultProvider>>>;

export const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** What Infisical's aws-auth login takes, besides the identity ID. */
interface SignedCallerIdentity {
  iamHttpRequestMethod: 'POST';
  iamRequestBody: string;
  iamRequestHeaders: string;
}

const NO_CREDENTIALS =
  'no AWS credentials found on this runner. Set them up before this step with ' +
  'aws-actions/configure-aws-credentials (role-to-assume with permissions id-token: write), ' +
  'or run on a machine with an instance, task or pod role (EC2, ECS, EKS)';

const UNANSWERED = 'check that this runner reaches AWS (STS for a web identity, or its ECS or EC2 metadata endpoint)';

const REFUSED =
  "Infisical refused this runner's AWS identity: add its role ARN or account ID to the identity's AWS Auth " +
  '(allowed principal ARNs, allowed account IDs)';

/** What to fix when Infisical's aws-auth login answers `status`. */
export function loginHint(status: number): string | undefined {
  if (status === 401 || status === 403) return REFUSED;
  if (status === 404) return 'Check identity-id: Infisical has no AWS Auth for it (or check domain)';
  if (status === 400) return 'Check AWS_REGION';
  if (status === 500) return STS_REFUSED;
  return undefined;
}

const STS_REFUSED =
  'With AWS IAM, Infisical also answers 500 when AWS STS refused the signed request: ' +
  "check that the runner's AWS credentials are valid and unexpired, and the runner's clock";

/** The region to sign for: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1 (as the AWS CLI). */
export function stsRegion(env: NodeJS.ProcessEnv = process.env): string {
  const name = env['AWS_REGION'] ? 'AWS_REGION' : env['AWS_DEFAULT_REGION'] ? 'AWS_DEFAULT_REGION' : undefined;
  const region = name ? (env[name] ?? '') : 'us-east-1';
  if (!/^[a-z0-9-]{1,20}$/.test(region)) {
    throw new AwsError(`${name} must be an AWS region such as us-east-1 (got "${region}")`);
  }
  return region;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The runner's AWS credentials from the SDK's default chain, masked before anything can print them.
 * When there are none, the error names what the last source tried said (the chain itself only says
 * "Could not load credentials from any providers"), e.g. the ECS endpoint refusing the connection.
 * The chain may call AWS itself (STS for a web identity) without a deadline of its own: it gets
 * `deadlineMs`, or a silent endpoint would hold the step until the job's timeout.
 */
async function credentials(mask: Mask, deadlineMs: number): Promise<AwsCredentials> {
  const tried: string[] = [];
  const collect = (message: unknown): void => {
    const step = /^@smithy\/property-provider -> (.*)$/s.exec(String(message));
    if (step?.[1]) tried.push(oneLine(step[1]));
  };
  const logger = { debug: collect, info: () => undefined, warn: console.warn, error: console.error };
  let found: AwsCredentials;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const within = `within ${deadlineMs / 1000} s (request-timeout × attempts)`;
    const late = `AWS IAM login: reading the AWS credentials got no answer ${within}: ${UNANSWERED}`;
    timer = setTimeout(() => reject(new AwsError(late)), deadlineMs);
  });
  try {
    found = await Promise.race([defaultProvider({ logger })(), deadline]);
  } catch (error) {
    if (error instanceof AwsError) throw error;
    const { name, message } = error as Error;
    if (name === 'CredentialsProviderError') {
      throw new AwsError(`AWS IAM login: ${NO_CREDENTIALS} (last source tried: ${tried.at(-1) ?? oneLine(message)})`);
    }
    throw new AwsError(`AWS IAM login: reading the AWS credentials failed: ${oneLine(message)}`);
  } finally {
    clearTimeout(timer);
  }
  mask([found.accessKeyId, found.secretAccessKey, found.sessionToken ?? '']);
  return found;
}

/**
 * sts:GetCallerIdentity signed with the runner's AWS credentials (the SDK's default chain reads
 * process.env, shared files, web identity, ECS and EC2 metadata), encoded as Infisical takes it.
 * `deadlineMs` bounds the chain (callDeadlineMs in exchange.ts).
 */
export async function signCallerIdentity(mask: Mask, deadlineMs: number): Promise<SignedCallerIdentity> {
  const region = stsRegion();
  const host = `sts.${region}.amazonaws.com`;
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: host,
    path: '/',
    headers: {
      host,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(Buffer.byteLength(STS_BODY)),
    },
    body: STS_BODY,
  });
  const signer = new SignatureV4({
    credentials: await credentials(mask, deadlineMs),
    region,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  });
  const { headers } = await signer.sign(request);
  // The signature lets anyone log in as this runner for a few minutes: masked with everything carrying it.
  const authorization = headers['authorization'] ?? '';
  const encoded = Buffer.from(JSON.stringify(headers)).toString('base64');
  mask([authorization, authorization.replace(/^.*Signature=/, ''), encoded]);
  return {
    iamHttpRequestMethod: 'POST',
    iamRequestBody: Buffer.from(STS_BODY).toString('base64'),
    iamRequestHeaders: encoded,
  };
}
