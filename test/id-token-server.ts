// A fake of GitHub's ID token service for the ACTIONS_ID_TOKEN_REQUEST_URL contract: bearer auth with
// ACTIONS_ID_TOKEN_REQUEST_TOKEN, `&audience=` appended to the URL, answer `{"value": "<jwt>"}`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const REQUEST_TOKEN = 'id-token-request-bearer-7Hq2';

/** The JWT the service issues for an audience (the default audience when none is asked for). */
export function jwtFor(audience: string | null): string {
  return `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(audience ?? 'default-audience').toString('base64url')}.c2lnbmF0dXJl`;
}

export async function startIdTokenServer() {
  const audiences: Array<string | null> = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    headers.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://id-token');
    if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}` || url.searchParams.get('api-version') !== '2.0') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad bearer"}');
      return;
    }
    audiences.push(url.searchParams.get('audience'));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ value: jwtFor(url.searchParams.get('audience')) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    audiences,
    /** The headers of every request, in order. */
    headers,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
