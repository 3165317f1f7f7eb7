// The fake Infisical's machine-identity logins that exchange a JWT: OIDC, Kubernetes, GCP, Azure and
// JWT Auth. Shapes as Infisical's API reference and source (backend/src/server/routes/v1/identity-*-auth-
// router.ts) give them, and as a real server answered (test/real-answers/d*): POST {identityId, jwt}
// (form or JSON; organizationSlug optional), 200 the same answer as Universal Auth; 422 with the
// validation issues for a missing field, 404 when the identity has no such method configured, 401
// (JWT and OIDC Auth also 403) when the configuration refuses the JWT. Plain JavaScript, like
// fake-infisical.js.
import { bodyIssues } from './fake/errors.js';

/** Route key (method and path) → route name; merged into fake-infisical.js's routes. */
export const LOGIN_ROUTES = /** @type {const} */ ({
  'POST /api/v1/auth/kubernetes-auth/login': 'kubernetes',
  'POST /api/v1/auth/gcp-auth/login': 'gcp',
  'POST /api/v1/auth/azure-auth/login': 'azure',
  'POST /api/v1/auth/jwt-auth/login': 'jwt',
});

/** @type {Set<string>} */
export const JWT_LOGINS = new Set(Object.values(LOGIN_ROUTES));

/** Infisical's own wording for a method the identity does not have. */
const NOT_CONFIGURED = {
  oidc: 'OIDC auth method not found for identity, did you configure OIDC auth?',
  kubernetes: 'Kubernetes auth method not found for identity, did you configure Kubernetes auth?',
  gcp: 'GCP auth method not found for identity, did you configure GCP auth?',
  azure: 'Azure auth method not found for identity, did you configure Azure Auth?',
  jwt: 'JWT auth method not found for identity, did you configure JWT auth?',
};

const REFUSED = {
  oidc: 'Access denied: OIDC audience not allowed.',
  kubernetes: 'Kubernetes token not authenticated',
  gcp: 'Access denied: GCP service account not allowed.',
  azure: "Service principal 'sp-unknown' not allowed",
  jwt: 'Access denied: token audience not allowed',
};

/**
 * @typedef {{ identityId: string, jwt: string }} Accepted
 * @typedef {Partial<Record<'oidc' | 'kubernetes' | 'gcp' | 'azure' | 'jwt', Accepted>>} Logins
 *   per method, the one identity configured with it and the one JWT its configuration accepts.
 */

/**
 * Answers a login of `route` with what the fake was configured to accept.
 * @param {string} route @param {Record<string, string>} body @param {Logins | undefined} logins
 * @returns {{ status: 200 } | { status: number, message: unknown, error: string }}
 */
export function answerLogin(route, body, logins) {
  const issues = bodyIssues(body, ['identityId', 'jwt']);
  if (issues.length > 0) return { status: 422, message: issues, error: 'ValidationFailure' };
  const accepted = logins?.[/** @type {keyof Logins} */ (route)];
  if (!accepted || accepted.identityId !== body.identityId.trim()) {
    return { status: 404, message: NOT_CONFIGURED[route], error: 'NotFound' };
  }
  if (body.jwt.trim() !== accepted.jwt) return { status: 401, message: REFUSED[route], error: 'UnauthorizedError' };
  return { status: 200 };
}
