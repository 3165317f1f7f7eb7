// One HTTP(S) request with a deadline for the whole exchange, proxies, extra CAs and one kept-alive
// connection per origin (login and listing share it). HTTP/1.1 itself is in http1.ts. Proxy
// selection follows @actions/http-client's rules (https_proxy, HTTPS_PROXY, http_proxy, no_proxy,
// loopback bypass) through its side-effect-free proxy module.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { CutShort, encodeRequest, ProtocolError, readAnswer } from './http1.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole request, connection to last byte. */
  timeoutMs: number;
  /** Extra PEM CA certificates, trusted in addition to the default roots. */
  ca?: string[];
  /** Never through a proxy: for cloud metadata services, reachable only from the machine itself. */
  direct?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** A failure before a complete HTTP response arrived (reset, refused, timeout, bad proxy). */
export class NetworkError extends Error {
  /** The proxy's host and port when the request went through one: the fault may be the proxy's. */
  proxy?: string;

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
  // getProxyUrl's URL gives them percent-decoded already: decoding again would turn %2541 into A.
  const user = `${proxy.username}:${proxy.password}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(user).toString('base64')}` };
}

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
  if (error instanceof CutShort) return new NetworkError(error.message, true);
  if (error instanceof ProtocolError) return new NetworkError(`the answer is not usable: ${error.message}`);
  const err = error as NodeJS.ErrnoException;
  const code = err.code ?? '';
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

// tls costs several milliseconds to load: only https domains pay for it.
const loadTls = async (): Promise<typeof import('node:tls')> => (await import('node:tls')).default;

/** Node's bundled roots plus NODE_EXTRA_CA_CERTS where Node can list them (22.15+), else the bundled roots. */
function defaultRoots(tls: typeof import('node:tls')): readonly string[] {
  const withList = tls as { getCACertificates?: (type: 'default') => string[] };
  return withList.getCACertificates?.('default') ?? tls.rootCertificates;
}

const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');
const portOf = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** Destroys the stream when the deadline passes (or has passed); returns what stops the watch. */
function destroyOnAbort(stream: Duplex, signal: AbortSignal): () => void {
  const abort = (): void => void stream.destroy(new NetworkError('timed out', true));
  signal.addEventListener('abort', abort, { once: true });
  if (signal.aborted) abort();
  return () => signal.removeEventListener('abort', abort);
}

/** Resolves with the stream once `ready` fires; the deadline destroys it, failing the wait. */
function whenReady<T extends Duplex>(stream: T, ready: string, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      unwatch();
      stream.off(ready, onReady).off('error', settle).off('close', onClose);
      if (error) reject(error);
      else resolve(stream);
    };
    const onReady = (): void => settle();
    const onClose = (): void => settle(new CutShort(false));
    stream.once(ready, onReady).once('error', settle).once('close', onClose);
    const unwatch = destroyOnAbort(stream, signal);
  });
}

/** Opens a CONNECT tunnel through an HTTP proxy to the target's host and port. */
async function tunnel(proxy: URL, target: URL, signal: AbortSignal): Promise<net.Socket> {
  const socket = net.connect({ host: bare(proxy.hostname), port: Number(proxy.port || 80), noDelay: true });
  await whenReady(socket, 'connect', signal);
  const authority = `${target.hostname}:${portOf(target)}`;
  socket.write(encodeRequest('CONNECT', authority, { host: authority, ...proxyAuth(proxy) }));
  const unwatch = destroyOnAbort(socket, signal);
  try {
    const answer = await readAnswer(socket, 64 * 1024, { tunnel: true });
    if (answer.status === 200) return socket;
    socket.destroy();
    const hint = answer.status === 407 ? ' (check the credentials in the proxy URL)' : '';
    const message = `proxy ${proxy.host} refused the tunnel with HTTP ${answer.status}${hint}`;
    throw new NetworkError(message, [502, 503, 504].includes(answer.status));
  } finally {
    unwatch();
  }
}

/** A connection to the target, through the proxy if there is one, with TLS for https. */
async function open(
  target: URL,
  proxy: URL | undefined,
  ca: string[] | undefined,
  signal: AbortSignal,
): Promise<Duplex> {
  if (target.protocol !== 'https:') {
    const via = proxy ?? target;
    const port = proxy ? Number(proxy.port || 80) : portOf(target);
    return whenReady(net.connect({ host: bare(via.hostname), port, noDelay: true }), 'connect', signal);
  }
  const tls = await loadTls();
  const host = bare(target.hostname);
  const socket = proxy ? await tunnel(proxy, target, signal) : undefined;
  const secure: TLSSocket = tls.connect({
    ...(socket ? { socket } : { port: portOf(target) }),
    host,
    servername: net.isIP(host) ? undefined : host,
    ca: ca?.length ? [...defaultRoots(tls), ...ca] : undefined,
  });
  secure.setNoDelay(true);
  return whenReady(secure, 'secureConnect', signal);
}

// Kept-alive connections by proxy and origin, unref'd while idle so they never hold the process.
// A kept connection the server closes just as a request leaves fails that attempt like any reset:
// re-sending at once would look the same as a server that resets every request and would quietly
// add attempts beyond `retries`, so the retry policy decides (login to listing takes milliseconds).
const idle = new Map<string, { socket: net.Socket; drop: () => void }>();

function take(key: string): net.Socket | undefined {
  const kept = idle.get(key);
  if (!kept) return undefined;
  idle.delete(key);
  kept.socket.off('data', kept.drop).off('end', kept.drop).off('error', kept.drop).off('close', kept.drop).ref();
  return kept.socket;
}

function keep(key: string, socket: net.Socket): void {
  if (idle.has(key)) return void socket.destroy();
  // A connection the server closes while idle is forgotten; its error is no one's concern.
  const drop = (): void => {
    if (idle.get(key)?.socket === socket) idle.delete(key);
    socket.destroy();
  };
  idle.set(key, { socket, drop });
  // Bytes on an idle connection break HTTP/1.1's order: such a connection is dropped, not reused.
  socket.once('data', drop).once('end', drop).once('error', drop).once('close', drop).unref();
}

async function exchange(
  req: HttpRequest,
  target: URL,
  proxy: URL | undefined,
  signal: AbortSignal,
): Promise<HttpResponse> {
  if (proxy && proxy.protocol !== 'http:') {
    // Only the host is named: a proxy URL may carry credentials.
    const what = `the proxy ${proxy.protocol}//${proxy.host} is not supported`;
    throw new NetworkError(`${what}: give an http:// proxy URL (the connection to Infisical is still TLS for https)`);
  }
  // Plain http through a proxy: the request goes to the proxy with the whole URL (absolute form).
  const forward = proxy !== undefined && target.protocol !== 'https:';
  const headers = { host: target.host, accept: 'application/json', ...req.headers, ...(forward && proxyAuth(proxy)) };
  const bytes = encodeRequest(req.method, forward ? target.href : target.pathname + target.search, headers, req.body);
  const key = `${proxy?.href ?? ''} ${target.origin}`;
  // A server that closes right after its answer without saying so has sent its FIN by now: letting
  // the event loop poll once more makes the kept connection see it (and be dropped) before reuse.
  if (idle.has(key)) await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  const socket = (take(key) ?? (await open(target, proxy, req.ca, signal))) as net.Socket;
  const unwatch = destroyOnAbort(socket, signal);
  try {
    socket.write(bytes);
    const answer = await readAnswer(socket, MAX_BODY);
    if (answer.reusable) keep(key, socket);
    else socket.destroy();
    return { status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') };
  } finally {
    unwatch();
  }
}

/** The proxy for the target, if any; a proxy variable that is not a URL fails naming the variable only. */
function proxyFor(target: URL): URL | undefined {
  try {
    return getProxyUrl(target);
  } catch {
    const variable = target.protocol === 'https:' ? 'https_proxy (or HTTPS_PROXY)' : 'http_proxy (or HTTP_PROXY)';
    throw new NetworkError(`${variable} is not a URL such as http://proxy.internal:3128`);
  }
}

/** Sends one request; any failure without a complete response becomes a NetworkError. */
export async function send(req: HttpRequest): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  let proxy: URL | undefined;
  try {
    const target = new URL(req.url);
    proxy = req.direct ? undefined : proxyFor(target);
    return await exchange(req, target, proxy, signal);
  } catch (error) {
    const limit = `request-timeout of ${req.timeoutMs / 1000} s`;
    const failure = signal.aborted
      ? new NetworkError(`${limit} passed without a complete answer`, true)
      : describe(error);
    // Named by host and port only (a proxy URL may carry credentials), unless the message names it.
    if (proxy && !failure.message.includes(proxy.host)) failure.proxy = proxy.host;
    throw failure;
  }
}
