// Logging in to Infisical: one entry for every method. Each ends in a Login (an access token, masked)
// or a one-line error saying what the runner lacks or what Infisical refused. The methods are small
// and bundled with the rest; only AWS IAM's SDK is a bundle of its own, loaded when chosen (aws-iam.ts).
import type { Connection } from '../infisical/api.js';
import type { AuthSettings } from '../inputs.js';
import { awsIamLogin } from './aws-iam.js';
import { azureLogin } from './azure.js';
import type { Login } from './exchange.js';
import { gcpLogin } from './gcp.js';
import { jwtLogin } from './jwt.js';
import { kubernetesLogin } from './kubernetes.js';
import { oidcLogin } from './oidc.js';
import { tokenLogin } from './token.js';
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
      return kubernetesLogin(conn, auth.identityId, auth.tokenPath);
    case 'gcp-id-token':
      return gcpLogin(conn, auth.identityId);
    case 'azure':
      return azureLogin(conn, auth.identityId, auth.resource);
    case 'jwt':
      return jwtLogin(conn, auth.identityId, auth.jwt, auth.audience);
    case 'token':
      return tokenLogin(auth.token);
  }
}
