// One HTTP(S) request with a deadline for the whole exchange, proxy support and extra CAs.
// Built on node:http/https; proxy selection follows @actions/http-client's rules (https_proxy,
// HTTPS_PROXY, http_proxy, no_proxy, loopback bypass) through its side-effect-free proxy module,
// so the action does not evaluate undici at start-up (see README, Performance).
import http from 'node:http';
import type https from 'node:https';
import type { Duplex } from 'node:stream';
import { getProxyUrl } from '@actions/http-client/lib/proxy';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole request, connection to last byte. */
  timeoutMs: number;
  /** Extra PEM CA certificates, trusted in addition to the default roots. */
  ca?: string[];
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A failure before a complete HTTP response arrived (reset, refused, timeout, bad proxy). */
export class NetworkError extends Error {
  constructor(
    message: string,
    /** True for faults worth another attempt: resets, refusals, timeouts, a proxy's 502/503/504. */
    readonly transient = false,
  ) {
    super(message);
  }
}

const MAX_BODY = 256 * 1024 * 1024;

function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(user).toString('base64')}` };
}

/** Opens a CONNECT tunnel through an HTTP proxy and starts TLS to the target inside it. */
function tunnel(
  tls: typeof import('node:tls'),
  proxy: URL,
  target: URL,
  ca: string[] | undefined,
  signal: AbortSignal,
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const port = target.port || '443';
    const connect = http.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || 80,
      method: 'CONNECT',
      path: `${target.hostname}:${port}`,
      headers: { host: `${target.hostname}:${port}`, ...proxyAuth(proxy) },
      signal,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        const status = res.statusCode ?? 0;
        const hint = status === 407 ? ' (check the credentials in the proxy URL)' : '';
        const message = `proxy ${proxy.host} refused the tunnel with HTTP ${status}${hint}`;
        reject(new NetworkError(message, [502, 503, 504].includes(status)));
        return;
      }
      const secure = tls.connect({ socket, servername: target.hostname, ca });
      // The deadline still holds during the handshake: the CONNECT request no longer owns the socket.
      const abort = (): void => void secure.destroy(signal.reason as Error);
      signal.addEventListener('abort', abort, { once: true });
      secure.once('secureConnect', () => {
        signal.removeEventListener('abort', abort);
        resolve(secure);
      });
      secure.once('error', reject);
    });
    connect.once('error', reject);
    connect.end();
  });
}

const CUT_SHORT = 'the connection closed before the whole answer arrived';

const TRANSIENT_CODES: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'host lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

const UNTRUSTED_CERT = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
];

/** One line for a failure without a complete response; never includes a header or body. */
function describe(error: unknown): NetworkError {
  if (error instanceof NetworkError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err.code ?? '';
  if (err.message === 'socket hang up') return new NetworkError('socket hang up', true);
  if (err.message === 'aborted') return new NetworkError(CUT_SHORT, true);
  if (TRANSIENT_CODES[code]) return new NetworkError(TRANSIENT_CODES[code], true);
  if (code === 'ENOTFOUND') return new NetworkError('host not found');
  if (UNTRUSTED_CERT.includes(code)) {
    const hint = 'for a private CA, set ca-certificate';
    return new NetworkError(`the server's TLS certificate is not trusted (${code}); ${hint}`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new NetworkError(`the server's TLS certificate is not valid for this host name (${code})`);
  }
  return new NetworkError(code ? `${code}: ${err.message}` : err.message);
}

// https and tls cost several milliseconds to load: only https domains and proxies pay for them.
const loadTls = async (): Promise<typeof import('node:tls')> => (await import('node:tls')).default;
const loadHttps = async (): Promise<typeof https> => (await import('node:https')).default;

// Keep-alive agents: login and listing share one connection. Idle sockets are unref'd by Node,
// so they do not keep the process alive.
const httpAgent = new http.Agent({ keepAlive: true });
let httpsAgent: https.Agent | undefined;

/** Node's bundled roots plus NODE_EXTRA_CA_CERTS where Node can list them (22.15+), else the bundled roots. */
function defaultRoots(tls: typeof import('node:tls')): readonly string[] {
  const withList = tls as { getCACertificates?: (type: 'default') => string[] };
  return withList.getCACertificates?.('default') ?? tls.rootCertificates;
}

async function exchange(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  const target = new URL(req.url);
  const secure = target.protocol === 'https:';
  const proxy = getProxyUrl(target);
  const tls = secure ? await loadTls() : undefined;
  const ca = tls && req.ca?.length ? [...defaultRoots(tls), ...req.ca] : undefined;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));

  let module: typeof http | typeof https = http;
  let agent: http.Agent = httpAgent;
  if (secure && !proxy) {
    module = await loadHttps();
    agent = httpsAgent ??= new module.Agent({ keepAlive: true });
  }
  let options: https.RequestOptions = { method: req.method, headers, signal, agent };
  if (proxy && tls) {
    const socket = await tunnel(tls, proxy, target, ca, signal);
    // No agent: with `agent: false` Node would build its own and ignore createConnection (and look the
    // made-up host up in DNS). Without an agent the request closes the tunnel when it is done.
    options = { ...options, agent: undefined, createConnection: () => socket };
    module = http; // TLS already runs inside the tunnel
    options.host = target.hostname;
    options.path = target.pathname + target.search;
    headers['host'] = target.host;
  } else if (proxy) {
    options = { ...options, host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port || 80 };
    options.path = target.href;
    Object.assign(headers, { host: target.host }, proxyAuth(proxy));
  } else {
    options = { ...options, ca, host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port };
    options.path = target.pathname + target.search;
  }

  return new Promise((resolve, reject) => {
    const request = module.request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) res.destroy(new NetworkError('response larger than 256 MB'));
        else chunks.push(chunk);
      });
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.once('error', reject);
      res.once('aborted', () => reject(new NetworkError(CUT_SHORT, true)));
    });
    request.once('error', reject);
    request.end(req.body);
  });
}

/** Sends one request; any failure without a complete response becomes a NetworkError. */
export async function send(req: HttpRequest): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    return await exchange(req, signal);
  } catch (error) {
    const limit = `request-timeout of ${req.timeoutMs / 1000} s`;
    if (signal.aborted) throw new NetworkError(`${limit} passed without a complete answer`, true);
    throw describe(error);
  }
}
