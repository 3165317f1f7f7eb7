// AWS IAM login (Infisical AWS Auth): the runner proves who it is in AWS with a signed
// sts:GetCallerIdentity request, which Infisical replays to AWS STS and checks against the identity's
// allowed principal ARNs and account IDs. The AWS SDK side (aws-sts.ts) is bundled on its own into
// dist/aws/ (see the build script) and loaded from there only when this method is chosen: the other
// methods' start-up and dist/index.js stay as they were. (An ncc chunk from a plain import() put about
// 2.3 KB of chunk loader and built-in module table into dist/index.js, and a 0.9 MB unminified chunk
// beside it.) So this file is tested end to end through dist/ only.
import type { Connection } from '../infisical/api.js';
import { mask } from '../runner.js';
import { callDeadlineMs, exchange, type Login } from './exchange.js';

/** dist/aws/index.js, relative to dist/index.js. */
const AWS_BUNDLE = './aws/index.js';

export async function awsIamLogin(conn: Connection, identityId: string): Promise<Login> {
  const aws = (await import(/* webpackIgnore: true */ /* @vite-ignore */ AWS_BUNDLE)) as typeof import('./aws-sts.js');
  const signed = await aws.signCallerIdentity(mask, callDeadlineMs(conn));
  // Infisical answers 500 "Something went wrong" when AWS STS refuses the request it replays: loginHint says so.
  return exchange(conn, 'AWS IAM login', '/api/v1/auth/aws-auth/login', { identityId, ...signed }, aws.loginHint);
}
