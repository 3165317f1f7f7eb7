// One line for a request that got no complete answer: Node's and the `tunnel` agent's errors named by
// what the user can act on (a reset, a refused tunnel, an untrusted certificate), never quoting a header
// or body. Transient faults are marked for retry.

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

/** A failure of the proxy tunnel: the `tunnel` agent reports it as a message with a status or a cause. */
function tunnelFailure(message: string, proxy: string): NetworkError | undefined {
  const status = /tunneling socket could not be established, statusCode=(\d+)/.exec(message)?.[1];
  if (status) {
    const hint = status === '407' ? ' (check the credentials in the proxy URL)' : '';
    const failure = new NetworkError(
      `proxy ${proxy} refused the tunnel with HTTP ${status}${hint}`,
      ['502', '503', '504'].includes(status),
    );
    return failure;
  }
  const cause = /tunneling socket could not be established, cause=(.*)/.exec(message)?.[1];
  if (cause === undefined) return undefined;
  // The TLS connection to an https:// proxy: the cause is OpenSSL's words, without a code.
  const certificate = /altnames/.test(cause)
    ? 'is not valid for its host name'
    : /certificate/.test(cause)
      ? 'is not trusted; for a private CA, set ca-certificate'
      : undefined;
  if (certificate)
    return new NetworkError(`the connection to proxy ${proxy} failed: its TLS certificate ${certificate}`);
  // The cause is Node's message, e.g. "connect ECONNREFUSED 127.0.0.1:3128": its error code is enough.
  const code = /\b(E[A-Z_]+)\b/.exec(cause)?.[1] ?? '';
  if (TRANSIENT_CODES[code]) return new NetworkError(TRANSIENT_CODES[code], true);
  const tlsHint = code === 'EPROTO' ? ': is it an http:// proxy given as https://?' : '';
  return new NetworkError(`the connection to proxy ${proxy} failed${code ? ` (${code})` : ''}${tlsHint}`);
}

/** One line for a failure without a complete response; never includes a header or body. */
export function describeFailure(error: unknown, proxy: string | undefined): NetworkError {
  if (error instanceof NetworkError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const tunnel = proxy ? tunnelFailure(err.message, proxy) : undefined;
  if (tunnel) return tunnel;
  if (code.startsWith('HPE_')) return new NetworkError(`the answer is not usable: ${err.message}`);
  if (code === 'ERR_INVALID_CHAR') {
    // Node names the header, never its value: e.g. `Invalid character in header content ["authorization"]`.
    const header = /\["([^"]+)"\]/.exec(err.message)?.[1] ?? 'a header';
    return new NetworkError(`the header ${header} cannot be sent as it is`);
  }
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
