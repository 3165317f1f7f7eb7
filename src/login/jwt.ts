// JWT Auth: a JWT the identity's JWT Auth configuration accepts (static keys or a JWKS URL), given as
// the input `jwt`; without one, the job's GitHub ID token, so that an identity configured with
// GitHub's JWKS (https://token.actions.githubusercontent.com/.well-known/jwks) works.
import type { Connection } from '../infisical/api.js';
import { identityLogin, type Login } from './exchange.js';
import { githubIdToken } from './oidc.js';

const JWT = {
  name: 'JWT',
  path: '/api/v1/auth/jwt-auth/login',
  decides: 'keys or JWKS URL, issuer, subject, audiences, claims',
};

/** `jwt` is the input (masked before any input is read); empty takes the GitHub ID token for `audience`. */
export async function jwtLogin(conn: Connection, identityId: string, jwt: string, audience: string): Promise<Login> {
  const token = jwt || (await githubIdToken(conn, audience, 'method jwt without the jwt input'));
  return identityLogin(conn, JWT, identityId, token);
}
