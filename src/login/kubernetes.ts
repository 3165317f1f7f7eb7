// Kubernetes Auth: the pod's service-account token (a runner pod of Actions Runner Controller, for
// example), which Infisical checks with the cluster's TokenReview API.
import { readFileSync } from 'node:fs';
import type { Connection } from '../infisical/api.js';
import { mask } from '../runner.js';
import { identityLogin, LoginError, type Login } from './exchange.js';

const KUBERNETES = {
  name: 'Kubernetes',
  path: '/api/v1/auth/kubernetes-auth/login',
  decides: 'allowed namespaces, service account names, audience',
};

/** The service-account token at `path`, masked at once. */
export function serviceAccountToken(path: string): string {
  const lacking = (what: string): LoginError =>
    new LoginError(
      `method kubernetes needs the pod's service-account token, but ${path} ${what}: run the runner in a pod ` +
        'with a service account token mounted (automountServiceAccountToken), or set kubernetes-token-path',
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw lacking(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`);
  }
  const token = text.trim();
  mask([token]);
  if (token === '') throw lacking('is empty');
  return token;
}

export function kubernetesLogin(conn: Connection, identityId: string, tokenPath: string): Promise<Login> {
  return identityLogin(conn, KUBERNETES, identityId, serviceAccountToken(tokenPath));
}
