// Logging in to Infisical: one entry for every method. Each ends in a Login (an access token, masked)
// or a one-line error saying what the runner lacks or what Infisical refused. The methods for other
// platforms are loaded only when chosen (chunks of their own in dist/): the default path's start-up
// and dist/index.js stay as they were.
import type { Connection } from '../infisical/api.js';
import type { AuthSettings } from '../inputs.js';
import { awsIamLogin } from './aws-iam.js';
import type { Login } from './exchange.js';
import { oidcLogin } from './oidc.js';
import { universalLogin } from './universal.js';

export type { Login } from './exchange.js';

export async function logIn(conn: Connection, auth: AuthSettings): Promise<Login> {
  switch (auth.method) {
    case 'universal':
      return universalLogin(conn, auth.clientId, auth.clientSecret);
    case 'oidc':
      return oidcLogin(conn, auth.identityId, auth.audience);
    case 'aws-iam':
      return awsIamLogin(conn, auth.identityId);
    case 'kubernetes':
      return (await import('./kubernetes.js')).kubernetesLogin(conn, auth.identityId, auth.tokenPath);
    case 'gcp-id-token':
      return (await import('./gcp.js')).gcpLogin(conn, auth.identityId);
    case 'azure':
      return (await import('./azure.js')).azureLogin(conn, auth.identityId, auth.resource);
    case 'jwt':
      return (await import('./jwt.js')).jwtLogin(conn, auth.identityId, auth.jwt, auth.audience);
    case 'token':
      return (await import('./token.js')).tokenLogin(auth.token);
  }
}
