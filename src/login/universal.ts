// Universal Auth: a client ID and client secret, exchanged for an access token.
import type { Connection } from '../infisical/api.js';
import { exchange, type Login } from './exchange.js';

const HINTS: Record<number, string> = {
  401: 'Check client-id and client-secret (Infisical locks a client for 5 minutes after 3 failed logins)',
  403: 'The identity may be disabled, or this runner IP is not in its trusted IPs',
  404: 'Check domain: Universal Auth was not found there',
};

// Infisical's answer once 3 failed logins within 30 s locked the identity (checked on a real server).
const LOCKED = 'temporarily locked';
const LOCKED_HINT =
  'Failed logins locked this identity for 5 minutes (even the right client-secret is refused meanwhile): ' +
  'check client-id and client-secret, then re-run after the lock ends';

export function universalLogin(conn: Connection, clientId: string, clientSecret: string): Promise<Login> {
  const path = '/api/v1/auth/universal-auth/login';
  return exchange(conn, 'Universal Auth login', path, { clientId, clientSecret }, (status, body) =>
    status === 401 && body.includes(LOCKED) ? LOCKED_HINT : HINTS[status],
  );
}
