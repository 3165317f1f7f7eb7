// OIDC login: a GitHub ID token for this job (core.getIDToken), exchanged for an Infisical access token.
import * as core from '@actions/core';
import { login, type Login } from './auth.js';
import type { Connection } from './api.js';
import { mask } from './runner.js';

export class OidcError extends Error {}

const PERMISSION_HINT =
  'OIDC needs a GitHub ID token: add `permissions: id-token: write` to the job (or workflow) that runs this action';

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
 */
export async function githubIdToken(audience: string): Promise<string> {
  const bearer = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !bearer) throw new OidcError(PERMISSION_HINT);
  mask([bearer]);
  try {
    const jwt = await core.getIDToken(audience || undefined);
    mask([jwt]);
    return jwt;
  } catch (error) {
    throw new OidcError(`Getting the GitHub ID token failed: ${oneLineFailure((error as Error).message)}`);
  }
}

export function oidcLogin(conn: Connection, identityId: string, jwt: string): Promise<Login> {
  const refused = `Infisical refused identity ${identityId}: its OIDC auth configuration (issuer, subject, audience) decides which jobs may log in`;
  const path = '/api/v1/auth/oidc-auth/login';
  // Infisical answers a wrong audience or issuer with 401 and a subject it does not allow with 403.
  const hint = (status: number): string | undefined => (status === 401 || status === 403 ? refused : undefined);
  return login(conn, 'OIDC login', path, { identityId, jwt }, hint);
}
