// Logins, tokens and revocation as Infisical answers them: tokens live 30 days (expiresIn 2592000);
// a login without a field, without a body or with a body that is not JSON or a form answers 422
// with the issues; three failed logins of one identity within 30 s lock it from the fourth attempt
// on, even with the right secret, for 300 s; revoke needs no Authorization, answers 200 for any
// token it issued (revoked or not), 403 for one it cannot read, 422 without `accessToken`.
import { randomBytes } from 'node:crypto';
import { answerLogin } from '../fake-logins.js';
import {
  bodyIssues,
  error,
  INVALID_CREDENTIALS,
  json,
  LOCKED,
  MALFORMED_TOKEN,
  REVOKED_TOKEN,
  validationFailure,
} from './errors.js';

export const TOKEN_TTL_S = 2592000;

/**
 * @typedef {{ clientId: string, clientSecret: string }} Identity
 * @typedef {{ failures: number[], lockedUntil: number }} Lockout
 * @typedef {{ attempts: number, windowMs: number, durationMs: number }} LockoutRule
 */

export const LOCKOUT = /** @type {LockoutRule} */ ({ attempts: 3, windowMs: 30_000, durationMs: 300_000 });

/**
 * @param {Identity[]} identities @param {{ identityId: string, jwt: string } | undefined} oidc
 * @param {LockoutRule} rule
 */
export function createAuth(identities, oidc, rule = LOCKOUT) {
  /** @type {Set<string>} */
  const tokens = new Set();
  /** Issued token → the identity it belongs to (a client id, or the OIDC identity id). */
  /** @type {Map<string, string>} */
  const owners = new Map();
  /** @type {Set<string>} */
  const revoked = new Set();
  /** @type {Map<string, Lockout>} */
  const lockouts = new Map();

  /** Answers a login with a new token for `identity`. */
  function issue(res, identity) {
    const accessToken = `fake-token-${randomBytes(12).toString('hex')}`;
    tokens.add(accessToken);
    owners.set(accessToken, identity);
    json(res, 200, { accessToken, expiresIn: TOKEN_TTL_S, accessTokenMaxTTL: TOKEN_TTL_S, tokenType: 'Bearer' });
  }

  /** Universal Auth login; `body` as parsed by errors.parseBody. */
  function login(res, body) {
    const issues = bodyIssues(body, ['clientId', 'clientSecret']);
    if (issues.length > 0) return validationFailure(res, issues);
    const identity = identities.find((i) => i.clientId === body.clientId);
    if (!identity) return error(res, 401, INVALID_CREDENTIALS, 'UnauthorizedError');
    const now = Date.now();
    const lock = lockouts.get(identity.clientId) ?? { failures: [], lockedUntil: 0 };
    lockouts.set(identity.clientId, lock);
    if (now < lock.lockedUntil) return error(res, 401, LOCKED, 'UnauthorizedError');
    if (body.clientSecret !== identity.clientSecret) {
      lock.failures = [...lock.failures.filter((t) => now - t < rule.windowMs), now];
      if (lock.failures.length >= rule.attempts) {
        lock.lockedUntil = now + rule.durationMs;
        lock.failures = [];
      }
      return error(res, 401, INVALID_CREDENTIALS, 'UnauthorizedError');
    }
    lock.failures = [];
    return issue(res, identity.clientId);
  }

  /** OIDC Auth login, answered as the other logins that exchange a JWT (fake-logins.js). */
  function oidcLogin(res, body) {
    const answer = answerLogin('oidc', body, { oidc });
    if ('message' in answer) return error(res, answer.status, answer.message, answer.error);
    return issue(res, body.identityId);
  }

  function revoke(res, body) {
    const issues = bodyIssues(body, ['accessToken']);
    if (issues.length > 0) return validationFailure(res, issues);
    if (!tokens.has(body.accessToken)) return error(res, 403, MALFORMED_TOKEN, 'TokenError');
    revoked.add(body.accessToken);
    return json(res, 200, { message: 'Successfully revoked access token' });
  }

  /**
   * The identity an `Authorization` header stands for, or undefined after answering the refusal:
   * none 401, anything but a Bearer token this server issued 403, a revoked one 401.
   * @param {import('node:http').ServerResponse} res @param {string | undefined} header
   */
  function authenticate(res, header) {
    if (!header) return void error(res, 401, 'Token missing', 'UnauthorizedError');
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!tokens.has(token)) return void error(res, 403, MALFORMED_TOKEN, 'TokenError');
    if (revoked.has(token)) return void error(res, 401, REVOKED_TOKEN, 'UnauthorizedError');
    // A token a test put in `tokens` itself (a Token Auth token) belongs to no identity here.
    return owners.get(token) ?? '';
  }

  return { login, oidcLogin, revoke, authenticate, issue, tokens, revoked };
}
