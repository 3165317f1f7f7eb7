// Fakes of the cloud metadata services the logins ask, on loopback: Google's metadata server (the
// identity path, header Metadata-Flavor: Google both ways), Azure's instance metadata service
// (header Metadata: true) and App Service's identity endpoint (header X-IDENTITY-HEADER). The action
// reaches them through the variables the clouds' own SDKs read: GCE_METADATA_HOST,
// AZURE_POD_IDENTITY_AUTHORITY_HOST, IDENTITY_ENDPOINT and IDENTITY_HEADER.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The secret App Service puts in IDENTITY_HEADER. */
export const IDENTITY_HEADER = 'app-service-identity-header-Q3x';

/** The token a service issues: a JWT-looking string naming the service and the audience asked for. */
export function cloudJwt(service: 'gcp' | 'azure', audience: string): string {
  return `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(`${service}:${audience}`).toString('base64url')}.c2ln`;
}

export interface MetadataOptions {
  /** Azure: answer as a machine without a managed identity. */
  noIdentity?: boolean;
  /** GCP: answer without the Metadata-Flavor header, as a server that is not Google's. */
  notGoogle?: boolean;
}

export async function startMetadataServer(options: MetadataOptions = {}) {
  const requests: Array<{ url: URL; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metadata');
    requests.push({ url, headers: req.headers });
    const query = url.searchParams;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/computeMetadata/v1/instance/service-accounts/default/identity') {
      if (req.headers['metadata-flavor'] !== 'Google') return void res.writeHead(403).end('Missing Metadata-Flavor');
      const flavor = options.notGoogle ? {} : { 'metadata-flavor': 'Google' };
      const audience = query.get('audience') ?? '';
      return void res.writeHead(200, { 'content-type': 'text/html', ...flavor }).end(cloudJwt('gcp', audience));
    }
    const imds = url.pathname === '/metadata/identity/oauth2/token' && req.headers['metadata'] === 'true';
    const appService = url.pathname === '/msi/token' && req.headers['x-identity-header'] === IDENTITY_HEADER;
    if (!imds && !appService) return json(400, { error: 'bad_request', error_description: 'Bad request' });
    if (options.noIdentity) return json(400, { error: 'invalid_request', error_description: 'Identity not found' });
    const resource = query.get('resource') ?? '';
    const clientId = query.get('client_id');
    const audience = clientId ? `${resource}#${clientId}` : resource;
    return json(200, {
      access_token: cloudJwt('azure', audience),
      expires_on: '1999999999',
      resource,
      token_type: 'Bearer',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** host:port, as GCE_METADATA_HOST takes it. */
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
