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

export async function universalLogin(conn: Connection, clientId: string, clientSecret: string): Promise<Login> {
  const call = 'Universal Auth login';
  const response = await request(conn, {
    name: call,
    method: 'POST',
    path: '/api/v1/auth/universal-auth/login',
    form: { clientId, clientSecret },
  });
  if (response.status < 200 || response.status > 299) throw httpFailure(call, response, LOGIN_HINTS[response.status]);
  return readLogin(call, parseJson(call, response));
}
