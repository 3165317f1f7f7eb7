// Azure Auth: a managed-identity access token for `resource` (Infisical's default audience is
// https://management.azure.com/), from where Azure's own SDKs (@azure/identity) look for it:
// - App Service, Functions and Container Apps set IDENTITY_ENDPOINT and IDENTITY_HEADER: the token
//   comes from that endpoint (api-version 2019-08-01, header X-IDENTITY-HEADER);
// - elsewhere (VMs, scale sets, AKS nodes) from the instance metadata service at 169.254.169.254, or
//   at AZURE_POD_IDENTITY_AUTHORITY_HOST when set (api-version 2018-02-01, header Metadata: true).
// AZURE_CLIENT_ID picks a user-assigned identity, as DefaultAzureCredential does. Azure Arc (an
// IDENTITY_ENDPOINT without IDENTITY_HEADER) needs a challenge file read as administrator: not supported.
import type { Connection } from '../infisical/api.js';
import { mask } from '../runner.js';
import { identityLogin, LoginError, type Login } from './exchange.js';
import { askMetadata } from './metadata.js';

const AZURE = {
  name: 'Azure',
  path: '/api/v1/auth/azure-auth/login',
  decides: 'tenant ID, resource, allowed service principal IDs',
};

const NOT_AZURE =
  'method azure needs a managed identity: run the runner on an Azure VM, scale set or App Service with a ' +
  'managed identity assigned, and give azure-resource the resource set on the identity in Infisical';

/** A job may set AZURE_CLIENT_ID for another tool (an app registration); Azure then skips the machine's identity. */
const CLIENT_ID_SET =
  "; AZURE_CLIENT_ID is set in the job's environment: it asks for the user-assigned managed identity with that " +
  "client ID (unset it to use the machine's own identity)";

/** Where to ask for the token: the URL and the headers that prove the caller is on the machine. */
function tokenSource(resource: string, env: NodeJS.ProcessEnv): { url: URL; headers: Record<string, string> } {
  const endpoint = env['IDENTITY_ENDPOINT'];
  const secret = env['IDENTITY_HEADER'];
  const query: Record<string, string> = { resource };
  if (env['AZURE_CLIENT_ID']) query['client_id'] = env['AZURE_CLIENT_ID'];
  if (endpoint && secret) {
    mask([secret]);
    const url = new URL(endpoint);
    url.search = new URLSearchParams({ 'api-version': '2019-08-01', ...query }).toString();
    return { url, headers: { 'x-identity-header': secret } };
  }
  if (endpoint) {
    throw new LoginError(
      'method azure: Azure Arc managed identities are not supported (IDENTITY_ENDPOINT is set without IDENTITY_HEADER)',
    );
  }
  const base = env['AZURE_POD_IDENTITY_AUTHORITY_HOST'] || 'http://169.254.169.254';
  const url = new URL('/metadata/identity/oauth2/token', base);
  url.search = new URLSearchParams({ 'api-version': '2018-02-01', ...query }).toString();
  return { url, headers: { metadata: 'true' } };
}

/** The managed identity's access token for `resource`, masked at once. */
async function azureToken(conn: Connection, resource: string, env = process.env): Promise<string> {
  const { url, headers } = tokenSource(resource, env);
  const name = 'Getting the Azure managed identity token';
  const hint = NOT_AZURE + (env['AZURE_CLIENT_ID'] ? CLIENT_ID_SET : '');
  const response = await askMetadata(conn, { name, url: url.href, headers, hint });
  let token: unknown;
  try {
    token = (JSON.parse(response.body) as { access_token?: unknown } | null)?.access_token;
  } catch {
    // The whole body may be a credential in some other shape: masked, never shown.
    mask([response.body]);
  }
  if (typeof token !== 'string' || token === '') {
    throw new LoginError(`${name} failed: the answer has no access_token (${url.host} is not Azure's token service?)`);
  }
  mask([token]);
  return token;
}

export async function azureLogin(
  conn: Connection,
  identityId: string,
  resource: string,
  env = process.env,
): Promise<Login> {
  return identityLogin(conn, AZURE, identityId, await azureToken(conn, resource, env));
}
