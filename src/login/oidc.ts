// OIDC login: a GitHub ID token for this job (core.getIDToken), exchanged for an Infisical access token.
import * as core from '@actions/core';
import { statusLine, type Connection } from '../infisical/api.js';
import { maskProxyFor } from '../infisical/http.js';
import { mask } from '../runner.js';
import { callDeadlineMs, identityLogin, LoginError, type Login } from './exchange.js';

const PERMISSION_HINT =
  'needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action';

/** core's failure spans several lines; ours is one, with the status and the service's message. */
function oneLineFailure(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  const parts = /Error Code : (\d+) Error Message: (.*)$/.exec(flat);
  if (!parts) return flat.replace(/^Error message: /, '');
  const [, status = '', text = ''] = parts;
  return `${statusLine(Number(status))}: ${text}`;
}

/**
 * The job's GitHub ID token for `audience` (GitHub's default audience when empty), masked at once
 * (core masks it too). Infisical's extra headers and CAs never go to GitHub's token service.
 * `method` names the login that needs it in the error for a job without the permission.
 */
export async function githubIdToken(conn: Connection, audience: string, method = 'OIDC'): Promise<string> {
  const [url, bearer] = [process.env['ACTIONS_ID_TOKEN_REQUEST_URL'], process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']];
  if (!url || !bearer) throw new LoginError(`${method} ${PERMISSION_HINT}`);
  mask([bearer]);
  maskProxyFor(url);
  const call = 'Getting the GitHub ID token';
  // core's client has its own retries and a 3-minute socket timeout; the step does not wait that long.
  const deadlineMs = callDeadlineMs(conn);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const late = `${call} failed: no answer within ${deadlineMs / 1000} s (request-timeout × attempts)`;
    timer = setTimeout(() => reject(new LoginError(late)), deadlineMs);
  });
  try {
    const jwt = await Promise.race([core.getIDToken(audience || undefined), deadline]);
    mask([jwt]);
    return jwt;
  } catch (error) {
    if (error instanceof LoginError) throw error;
    throw new LoginError(`${call} failed: ${oneLineFailure((error as Error).message)}`);
  } finally {
    clearTimeout(timer);
  }
}

const OIDC = { name: 'OIDC', path: '/api/v1/auth/oidc-auth/login', decides: 'issuer, subject, audience, claims' };

export async function oidcLogin(conn: Connection, identityId: string, audience: string): Promise<Login> {
  return identityLogin(conn, OIDC, identityId, await githubIdToken(conn, audience));
}
