// Every HTTP request of the action goes through @actions/http-client's HttpClient: one client per run
// (and per protocol, as the client keeps one agent), with keep-alive so login and listing share a
// connection, the client's proxy rules (https_proxy, HTTPS_PROXY, http_proxy, no_proxy, loopback
// bypass) and its CONNECT tunnelling. What the client leaves to us is added through its public API
// (a request handler and `getAgent`): a deadline for the whole exchange, extra CA certificates, a
// direct route for cloud metadata services, and one-line errors that never quote a header or body.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { HttpClient, type HttpClientResponse } from '@actions/http-client';
import type { RequestHandler } from '@actions/http-client/lib/interfaces';
import { checkBypass, getProxyUrl } from '@actions/http-client/lib/proxy';
import { mask } from '../runner.js';
import { describeFailure, NetworkError } from './network-errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole request: connection, proxy tunnel, TLS, head and body. */
  timeoutMs: number;
  /** Extra PEM CA certificates, trusted in addition to the default roots. */
  ca?: string[];
  /** Never through a proxy (cloud metadata services answer only on the machine's own link). */
  direct?: boolean;
  /** What the deadline is called in a timeout message; defaults to the request-timeout input. */
  deadlineName?: string;
}

export interface HttpResponse {
  status: number;
  /** Names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

export const USER_AGENT = 'infisical-secrets-action';

/** What Node sends as a header value: tab, visible ASCII and Latin-1 (it refuses anything else). */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The longest request-timeout the input accepts. */
export const MAX_TIMEOUT_MS = 600_000;
/**
 * The client's own idle timer (3 minutes unless set) would end a request before a longer
 * request-timeout and with its own words: ours, the signal, always comes first.
 */
export const CLIENT_IDLE_TIMEOUT_MS = MAX_TIMEOUT_MS + 1000;

/**
 * The largest answer read, 20 times a listing of 10,000 secrets with every field Infisical sends.
 * A larger one fails before it fills the runner's memory (past 512 MiB Node cannot even make it a string).
 */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;

/** Node's bundled roots plus NODE_EXTRA_CA_CERTS where Node can list them (22.15+), else the bundled roots. */
function defaultRoots(): readonly string[] {
  const withList = tls as { getCACertificates?: (type: 'default') => string[] };
  return withList.getCACertificates?.('default') ?? tls.rootCertificates;
}

/**
 * What the request being prepared needs from the client's handler hook: its deadline, which also
 * ends a pending proxy CONNECT, and for a direct request an agent that ignores the proxy variables.
 * Requests run one at a time; the handler is called synchronously as each one starts.
 */
interface Current {
  signal: AbortSignal;
  /** Set for a direct request: a one-off agent of the target's protocol, outside the proxy rules. */
  agent?: http.Agent;
}
let current: Current | undefined;

/** An agent with proxy options is the `tunnel` agent; its CONNECT request takes these options. */
type AgentOptions = {
  ca?: string[];
  checkServerIdentity?: tls.ConnectionOptions['checkServerIdentity'];
  proxy?: { host?: string; signal?: AbortSignal; ca?: string[]; servername?: string };
};

const hooks: RequestHandler = {
  prepareRequest(options: http.RequestOptions): void {
    if (!current) return;
    options.signal = current.signal;
    if (current.agent) options.agent = current.agent;
    const agent = options.agent as { options?: AgentOptions } | undefined;
    const tunnel = agent?.options?.proxy ? agent.options : undefined;
    if (tunnel?.proxy) tunnel.proxy.signal = current.signal;
    // The client passes URL.hostname on, which keeps an IPv6 literal's brackets. A direct connection
    // needs the address bare; a tunnel keeps them, as its CONNECT target `[address]:port` must, but
    // takes the TLS server name from the Host header up to its first colon: the address is checked.
    const v6 = options.host?.startsWith('[') ? options.host.slice(1, -1) : undefined;
    if (v6 && !tunnel) options.host = v6;
    if (tunnel) tunnel.checkServerIdentity = v6 ? (_name, cert) => tls.checkServerIdentity(v6, cert) : undefined;
  },
  canHandleAuthentication: () => false,
  handleAuthentication: () => Promise.reject(new Error('not supported')),
};

const clients = new Map<string, HttpClient>();

/** The run's client for this protocol and CA set: created once, then kept, so connections are reused. */
function clientFor(target: URL, ca: readonly string[]): HttpClient {
  const key = `${target.protocol} ${ca.join('')}`;
  let client = clients.get(key);
  if (client) return client;
  client = new HttpClient(USER_AGENT, [hooks], {
    keepAlive: true,
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: CLIENT_IDLE_TIMEOUT_MS,
  });
  // The agent's options reach every TLS connection it opens to Infisical, direct or through a proxy
  // tunnel (the client sets its own TLS options the same way); its proxy options reach the TLS
  // connection to an https:// proxy, which a private CA may have signed too.
  const { options } = client.getAgent(target.href) as unknown as { options: AgentOptions };
  // Node would check an https:// proxy's certificate against the Host header, Infisical's name: the
  // proxy's own name is checked instead ('' for an IP address: no SNI, checked against the address).
  // An IPv6 proxy's address comes with the URL's brackets, which Node would look up as a name. The
  // host is the proxy URL's hostname: an IPv4 address there is always in dotted decimal.
  if (options.proxy?.host) {
    const host = options.proxy.host.replace(/^\[(.*)\]$/, '$1');
    const address = host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
    Object.assign(options.proxy, { host, servername: address ? '' : host });
  }
  if (ca.length > 0) {
    const trusted = [...defaultRoots(), ...ca];
    if (target.protocol === 'https:') options.ca = trusted;
    if (options.proxy) options.proxy.ca = trusted;
  }
  clients.set(key, client);
  return client;
}

/**
 * The proxy for the target, if any. A proxy variable that is not an http(s) URL with a host fails
 * naming the variable only: the client reads `proxy-host:3128` as a URL of scheme `proxy-host:` and
 * no host, and an `http://` value it cannot read (a raw % in the password, a port out of range) as
 * no proxy, and then sends every call direct, as if no proxy were set.
 */
function proxyFor(target: URL): URL | undefined {
  let usable = false;
  let proxy: URL | undefined;
  try {
    proxy = getProxyUrl(target);
    const [secure, env] = [target.protocol === 'https:', process.env];
    const set = secure ? env['https_proxy'] || env['HTTPS_PROXY'] : env['http_proxy'] || env['HTTP_PROXY'];
    usable = proxy ? proxy.hostname !== '' && /^https?:$/.test(proxy.protocol) : !set || checkBypass(target);
  } catch {
    // Not a URL even with http:// in front: refused below.
  }
  if (usable) return proxy;
  const variable = target.protocol === 'https:' ? 'https_proxy (or HTTPS_PROXY)' : 'http_proxy (or HTTP_PROXY)';
  throw new NetworkError(`${variable} is not a URL such as http://proxy.internal:3128`);
}

/**
 * A proxy URL's credentials (getProxyUrl decodes them), masked before a request: the client sends
 * `user:password` in base64 as Proxy-Authorization, and NODE_DEBUG's request dumps show both forms.
 */
function maskProxyCredentials(proxy: URL): void {
  if (!proxy.username && !proxy.password) return;
  const auth = `${proxy.username}:${proxy.password}`;
  mask([auth, Buffer.from(auth).toString('base64'), proxy.password]);
}

/** The same for a request another client makes (core's ID token request); a bad URL is its to report. */
export function maskProxyFor(url: string): void {
  try {
    const proxy = getProxyUrl(new URL(url));
    if (proxy) maskProxyCredentials(proxy);
  } catch {
    // No request can be made through it, so nothing can print it.
  }
}

/**
 * The whole body, or a failure when the connection ends before it, the deadline passes, or it is
 * larger than MAX_BODY_BYTES (then the connection is closed: nothing more is read).
 */
function readBody(response: HttpClientResponse, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const cutShort = (): void =>
      reject(new NetworkError('the connection closed before the whole answer arrived', true));
    const message = response.message;
    const tooLarge = (): void => {
      reject(
        new NetworkError(`the answer is larger than ${MAX_BODY_BYTES / 2 ** 20} MiB, more than this action reads`),
      );
      message.destroy();
    };
    if (Number(message.headers['content-length']) > MAX_BODY_BYTES) return tooLarge();
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge();
    });
    message.once('error', cutShort).once('aborted', cutShort);
    message.once('close', () => void (message.complete || cutShort()));
    // The caller reports the deadline: it sees signal.aborted.
    signal.addEventListener('abort', () => reject(new NetworkError('timed out', true)), { once: true });
    // readBodyBuffer joins the chunks once (readBody joins them at every chunk: slow for large lists).
    response.readBodyBuffer!().then((body) => resolve(body.toString('utf8')), reject);
  });
}

function headersOf(response: HttpClientResponse): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(response.message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Sends one request; any failure without a complete response becomes a NetworkError. */
export async function send(req: HttpRequest): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  let proxy: URL | undefined;
  try {
    const target = new URL(req.url);
    proxy = req.direct ? undefined : proxyFor(target);
    if (proxy) maskProxyCredentials(proxy);
    const client = clientFor(target, req.ca ?? []);
    // A server that closes right after its answer without saying so has sent its FIN by now: letting
    // the event loop poll once more lets the agent see it and drop that idle connection before reuse.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    const agent = !req.direct ? undefined : target.protocol === 'https:' ? new https.Agent() : new http.Agent();
    current = { signal, agent };
    const pending = client.request(req.method, target.href, req.body ?? null, {
      accept: 'application/json',
      ...req.headers,
    });
    current = undefined;
    const response = await pending;
    const body = await readBody(response, signal);
    return { status: response.message.statusCode ?? 0, headers: headersOf(response), body };
  } catch (error) {
    current = undefined;
    const limit = `${req.deadlineName ?? 'request-timeout'} of ${req.timeoutMs / 1000} s`;
    const failure = signal.aborted
      ? new NetworkError(`${limit} passed without a complete answer`, true)
      : describeFailure(error, proxy?.host);
    // Named by host and port only (a proxy URL may carry credentials), unless the message names it.
    if (proxy && !failure.message.includes(proxy.host)) failure.proxy = proxy.host;
    throw failure;
  }
}
