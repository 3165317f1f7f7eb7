// GCP ID Token Auth: an identity token from the metadata server of the GCE instance, GKE pod, Cloud
// Run or Cloud Build the runner is on, for the audience Infisical checks: the identity's ID
// (Infisical verifies the token with the identity ID as audience). `format=full` adds the instance's
// project and zone, which the identity's allowed projects and zones are checked against.
// GCE_METADATA_HOST (host[:port]) points the client at another metadata server, as Google's own
// client libraries allow.
import type { Connection } from '../infisical/api.js';
import { mask } from '../runner.js';
import { identityLogin, LoginError, type Login } from './exchange.js';
import { askMetadata } from './metadata.js';

const GCP = {
  name: 'GCP',
  path: '/api/v1/auth/gcp-auth/login',
  decides: 'type GCP ID Token, allowed service accounts, projects, zones',
};

const NOT_GCP =
  'method gcp-id-token needs the Google Cloud metadata server: run the runner on a GCE instance or GKE node ' +
  'with a service account attached (or set GCE_METADATA_HOST)';

/** The instance's identity token for `audience`, masked at once. */
async function gcpIdToken(conn: Connection, audience: string, env = process.env): Promise<string> {
  const host = env['GCE_METADATA_HOST'] || 'metadata.google.internal';
  const url = new URL(`http://${host}/computeMetadata/v1/instance/service-accounts/default/identity`);
  url.search = new URLSearchParams({ audience, format: 'full' }).toString();
  const name = 'Getting the GCP identity token';
  const response = await askMetadata(conn, {
    name,
    url: url.href,
    headers: { 'metadata-flavor': 'Google' },
    hint: NOT_GCP,
  });
  const token = response.body.trim();
  mask([token]);
  // Google's servers say who they are; anything else at that address is not a metadata server.
  if (response.headers['metadata-flavor'] !== 'Google') {
    throw new LoginError(`${name} failed: ${url.host} is not a Google metadata server. ${NOT_GCP}`);
  }
  if (token === '') throw new LoginError(`${name} failed: the answer is empty. ${NOT_GCP}`);
  return token;
}

export async function gcpLogin(conn: Connection, identityId: string, env = process.env): Promise<Login> {
  return identityLogin(conn, GCP, identityId, await gcpIdToken(conn, identityId, env));
}
