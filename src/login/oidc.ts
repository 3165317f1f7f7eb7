// OIDC login: a GitHub ID token for this job (core.getIDToken), exchanged for an Infisical access token.
import * as core from '@actions/core';
import type { Connection } from '../infisical/api.js';
import { mask } from '../runner.js';
import { identityLogin, LoginError, type Login } from './exchange.js';

const PERMISSION_HINT =
  'needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action';

const STATUS_TEXT: Record<string, string> = { '401': 'Unauthorized', '403': 'Forbidden', '404': 'Not Found' };

/** core's failure spans several lines; ours is one, with the status and the service's message. */
function oneLineFailure(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  const parts = /Error Code : (\d+) Error Message: (.*)$/.exec(flat);
  if (!parts) return flat.replace(/^Error message: /, '');
  const [, status = '', text = ''] = parts;
  return `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}: ${text}`;
}

/**
 * The job's GitHub ID token for `audience` (GitHub's default audience when empty), masked at once
 * (core masks it too). Infisical's extra headers and CAs never go to GitHub's token service.
 * `method` names the login that needs it in the error for a job without the permission.
 */
export async function githubIdToken(audience: string, method = 'OIDC'): Promise<string> {
  const bearer = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !bearer) throw new LoginError(`${method} ${PERMISSION_HINT}`);
  mask([bearer]);
  try {
    const jwt = await core.getIDToken(audience || undefined);
    mask([jwt]);
    return jwt;
  } catch (error) {
    throw new LoginError(`Getting the GitHub ID token failed: ${oneLineFailure((error as Error).message)}`);
  }
}

const OIDC = { name: 'OIDC', path: '/api/v1/auth/oidc-auth/login', decides: 'issuer, subject, audience, claims' };

export async function oidcLogin(conn: Connection, identityId: string, audience: string): Promise<Login> {
  return identityLogin(conn, OIDC, identityId, await githubIdToken(audience));
}
