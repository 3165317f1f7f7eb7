// Logging in to Infisical (Universal Auth) and getting an access token.
// The token is registered as a mask the moment it is parsed, before anything could print it.
import { httpFailure, parseJson, request, ApiError, type Connection } from './api.js';
import { mask } from './runner.js';

export interface Login {
  accessToken: string;
  expiresIn?: number;
}

/** Reads a login answer; a missing token is an error naming the call, never the body. */
export function readLogin(call: string, body: unknown): Login {
  const { accessToken, expiresIn } = (body ?? {}) as { accessToken?: unknown; expiresIn?: unknown };
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw new ApiError(`${call} failed: the answer has no accessToken (check domain points at Infisical)`);
  }
  mask([accessToken]);
  return { accessToken, expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined };
}

const LOGIN_HINTS: Record<number, string> = {
  401: 'Check client-id and client-secret (Infisical locks a client for 5 minutes after 3 failed logins)',
  403: 'The identity may be disabled, or this runner IP is not in its trusted IPs',
  404: 'Check domain: Universal Auth was not found there',
};

/** Posts a login form and reads the token; `hint` explains a failed status to the user. */
export async function login(
  conn: Connection,
  call: string,
  path: string,
  form: Record<string, string>,
  hint: (status: number) => string | undefined,
): Promise<Login> {
  const response = await request(conn, { name: call, method: 'POST', path, form });
  if (response.status < 200 || response.status > 299) throw httpFailure(call, response, hint(response.status));
  return readLogin(call, parseJson(call, response));
}

export function universalLogin(conn: Connection, clientId: string, clientSecret: string): Promise<Login> {
  const path = '/api/v1/auth/universal-auth/login';
  return login(conn, 'Universal Auth login', path, { clientId, clientSecret }, (status) => LOGIN_HINTS[status]);
}
