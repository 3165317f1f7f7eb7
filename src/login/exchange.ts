// What every login method shares: the answer Infisical gives (an access token, masked the moment it
// is parsed), the exchange of a credential for it, and the one-line failure for a runner that lacks
// the credential a method needs.
import { httpFailure, parseJson, request, ApiError, type Connection } from '../infisical/api.js';
import { HEADER_VALUE } from '../infisical/http.js';
import { DEFAULT_RETRY } from '../infisical/retry.js';
import { mask } from '../runner.js';

export interface Login {
  accessToken: string;
  expiresIn?: number;
  /**
   * Whether the post step may revoke the token (revoke-token). False for a token the workflow gave
   * (method token): it belongs to whoever issued it.
   */
  revocable: boolean;
}

/** The runner lacks what a method needs (a file, a metadata service, a permission); says what to set up. */
export class LoginError extends Error {}

/**
 * How long a credential from outside Infisical (GitHub's ID token, the AWS credential chain) may take:
 * what one call to Infisical may take, all attempts included.
 */
export function callDeadlineMs(conn: Connection): number {
  return conn.timeoutMs * ((conn.retry ?? DEFAULT_RETRY).retries + 1);
}

/** Reads a login answer; a missing token is an error naming the call, never the body. */
export function readLogin(call: string, body: unknown): Login {
  const { accessToken, expiresIn } = (body ?? {}) as { accessToken?: unknown; expiresIn?: unknown };
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw new ApiError(`${call} failed: the answer has no accessToken (check domain points at Infisical)`);
  }
  mask([accessToken]);
  // Sent as `Authorization: Bearer <token>` next: a token a header cannot carry (a line break, a
  // control character) is refused here, naming the login, before the post step is told to revoke it.
  if (!HEADER_VALUE.test(accessToken)) {
    throw new ApiError(`${call} failed: the answer's accessToken has characters a header cannot carry (check domain)`);
  }
  return { accessToken, expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined, revocable: true };
}

/** Posts a login form and reads the token; `hint` explains a failed answer (status, body) to the user. */
export async function exchange(
  conn: Connection,
  call: string,
  path: string,
  form: Record<string, string>,
  hint: (status: number, body: string) => string | undefined,
): Promise<Login> {
  const response = await request(conn, { name: call, method: 'POST', path, form, hint });
  if (response.status < 200 || response.status > 299)
    throw httpFailure(call, response, hint(response.status, response.body));
  return readLogin(call, parseJson(call, response));
}

/**
 * The logins that send `{identityId, jwt}` (Kubernetes, GCP, Azure, JWT and OIDC Auth): Infisical
 * answers 404 when the identity has no such auth method configured, and 401 (JWT Auth also 403) when
 * its configuration refuses the credential. `decides` names what in that configuration decides.
 */
export function identityLogin(
  conn: Connection,
  method: { name: string; path: string; decides: string },
  identityId: string,
  jwt: string,
): Promise<Login> {
  const hint = (status: number): string | undefined => {
    if (status === 404) return `Check identity-id and that identity ${identityId} has ${method.name} Auth configured`;
    if (status === 401 || status === 403) {
      return `Infisical refused identity ${identityId}: its ${method.name} Auth configuration (${method.decides}) decides who may log in`;
    }
    return undefined;
  };
  return exchange(conn, `${method.name} Auth login`, method.path, { identityId, jwt }, hint);
}
