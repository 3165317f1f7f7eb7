// OIDC login: a GitHub ID token for this job, exchanged for an Infisical access token.
// The ID token is fetched with the same contract as @actions/core's getIDToken (GET the runner's
// ACTIONS_ID_TOKEN_REQUEST_URL with `&audience=` appended, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN,
// answer `{"value": "<jwt>"}`) but through src/http.ts: bundling @actions/core for this one call
// adds 1 MB to dist/ and undici's start-up cost (see README, Performance).
import { httpFailure, parseJson, request, type Connection } from '../api.js';
import { mask } from '../runner.js';
import { identityLogin, LoginError, type Login } from './exchange.js';

const PERMISSION_HINT =
  'needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action';

/**
 * The job's GitHub ID token for `audience` (GitHub's default audience when empty), masked at once.
 * Extra headers and CAs are for Infisical: they are not sent to GitHub's token service.
 * `method` names the login that needs it in the error for a job without the permission.
 */
export async function githubIdToken(
  conn: Connection,
  audience: string,
  env = process.env,
  method = 'OIDC',
): Promise<string> {
  const base = env['ACTIONS_ID_TOKEN_REQUEST_URL'];
  const bearer = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!base || !bearer) throw new LoginError(`${method} ${PERMISSION_HINT}`);
  mask([bearer]);
  const call = 'Getting the GitHub ID token';
  const github: Connection = { domain: '', timeoutMs: conn.timeoutMs, retry: conn.retry };
  const url = `${base}${audience ? `&audience=${encodeURIComponent(audience)}` : ''}`;
  const response = await request(github, { name: call, method: 'GET', path: '', url, token: bearer });
  if (response.status < 200 || response.status > 299) throw httpFailure(call, response);
  const { value } = (parseJson(call, response) ?? {}) as { value?: unknown };
  if (typeof value !== 'string' || value === '') throw new LoginError(`${call} failed: the answer has no value`);
  mask([value]);
  return value;
}

const OIDC = { name: 'OIDC', path: '/api/v1/auth/oidc-auth/login', decides: 'issuer, subject, audience, claims' };

export async function oidcLogin(
  conn: Connection,
  identityId: string,
  audience: string,
  env = process.env,
): Promise<Login> {
  return identityLogin(conn, OIDC, identityId, await githubIdToken(conn, audience, env));
}
