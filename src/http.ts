// One HTTP(S) request with a deadline for the whole exchange, proxy support and extra CAs.
// Built on node:http/https; proxy selection follows @actions/http-client's rules (https_proxy,
// HTTPS_PROXY, http_proxy, no_proxy, loopback bypass) through its side-effect-free proxy module,
// so the action does not evaluate undici at start-up (see README, Performance).
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { getProxyUrl } from '@actions/http-client/lib/proxy';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole request, connection to last byte. */
  timeoutMs: number;
  /** Extra PEM CA certificates, trusted in addition to the system roots. */
  ca?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A failure before a complete HTTP response arrived (reset, refused, timeout, bad proxy). */
export class NetworkError extends Error {}

const MAX_BODY = 256 * 1024 * 1024;

function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(user).toString('base64')}` };
}

/** Opens a CONNECT tunnel through an HTTP proxy and starts TLS to the target inside it. */
function tunnel(proxy: URL, target: URL, ca: string[] | undefined, signal: AbortSignal): Promise<Duplex> {
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
        reject(new NetworkError(`proxy ${proxy.host} refused the tunnel with HTTP ${res.statusCode}`));
        return;
      }
      const secure = tls.connect({ socket, servername: target.hostname, ca });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    connect.once('error', reject);
    connect.end();
  });
}

function describe(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  if (err.name === 'AbortError' || err.code === 'ABORT_ERR') return 'timed out';
  if (err.code === 'ECONNRESET') return 'connection reset';
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'host not found';
  if (err.message === 'socket hang up') return 'socket hang up';
  if (err instanceof NetworkError) return err.message;
  return err.code ? `${err.code}: ${err.message}` : err.message;
}

async function exchange(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  const target = new URL(req.url);
  const secure = target.protocol === 'https:';
  const proxy = getProxyUrl(target);
  const ca = req.ca ? [...tls.rootCertificates, req.ca] : undefined;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));

  let options: https.RequestOptions = { method: req.method, headers, signal, agent: false };
  let module: typeof http | typeof https = secure ? https : http;
  if (proxy && secure) {
    const socket = await tunnel(proxy, target, ca, signal);
    options = { ...options, createConnection: () => socket };
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
      res.once('aborted', () => reject(new NetworkError('connection reset')));
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
    if (signal.aborted) throw new NetworkError(`timed out after ${req.timeoutMs / 1000} s`);
    throw new NetworkError(describe(error));
  }
}
