// OIDC login: a GitHub ID token for this job, exchanged for an Infisical access token.
// The ID token is fetched with the same contract as @actions/core's getIDToken (GET the runner's
// ACTIONS_ID_TOKEN_REQUEST_URL with `&audience=` appended, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN,
// answer `{"value": "<jwt>"}`) but through src/http.ts: bundling @actions/core for this one call
// adds 1 MB to dist/ and undici's start-up cost (see README, Performance).
import { httpFailure, parseJson, request, type Connection } from './api.js';
import { login, type Login } from './auth.js';
import { mask } from './runner.js';

export class OidcError extends Error {}

const PERMISSION_HINT =
  'OIDC needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action';

/**
 * The job's GitHub ID token for `audience` (GitHub's default audience when empty), masked at once.
 * Extra headers and CAs are for Infisical: they are not sent to GitHub's token service.
 */
export async function githubIdToken(conn: Connection, audience: string, env = process.env): Promise<string> {
  const base = env['ACTIONS_ID_TOKEN_REQUEST_URL'];
  const bearer = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!base || !bearer) throw new OidcError(PERMISSION_HINT);
  mask([bearer]);
  const call = 'Getting the GitHub ID token';
  const github: Connection = { domain: '', timeoutMs: conn.timeoutMs, retry: conn.retry };
  const url = `${base}${audience ? `&audience=${encodeURIComponent(audience)}` : ''}`;
  const response = await request(github, { name: call, method: 'GET', path: '', url, token: bearer });
  if (response.status < 200 || response.status > 299) throw httpFailure(call, response);
  const { value } = (parseJson(call, response) ?? {}) as { value?: unknown };
  if (typeof value !== 'string' || value === '') throw new OidcError(`${call} failed: the answer has no value`);
  mask([value]);
  return value;
}

export function oidcLogin(conn: Connection, identityId: string, jwt: string): Promise<Login> {
  const refused = `Infisical refused identity ${identityId}: its OIDC auth configuration (issuer, subject, audience) decides which jobs may log in`;
  const path = '/api/v1/auth/oidc-auth/login';
  // Infisical answers a wrong audience or issuer with 401 and a subject it does not allow with 403.
  const hint = (status: number): string | undefined => (status === 401 || status === 403 ? refused : undefined);
  return login(conn, 'OIDC login', path, { identityId, jwt }, hint);
}
