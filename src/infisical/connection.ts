// The one place that turns Settings into the options every Infisical call uses, and the warning for
// a plain-http domain that is not loopback (the client secret would travel unencrypted).
import type { Connection } from './api.js';
import type { Settings } from '../inputs.js';

/**
 * The backoff unit in ms. Undocumented, for tests only: INFISICAL_ACTION_RETRY_BASE_MS shortens
 * every wait (backoff and retry-after alike) while the real wait code still runs.
 */
function retryUnitMs(env: NodeJS.ProcessEnv): number {
  const raw = env['INFISICAL_ACTION_RETRY_BASE_MS'];
  const value = Number(raw);
  return raw && Number.isFinite(value) && value >= 0 ? value : 1000;
}

export type NetworkSettings = Pick<
  Settings,
  'domain' | 'retries' | 'requestTimeoutMs' | 'caCertificates' | 'extraHeaders'
>;

export function connectionFor(settings: NetworkSettings, env: NodeJS.ProcessEnv = process.env): Connection {
  return {
    domain: settings.domain,
    timeoutMs: settings.requestTimeoutMs,
    retry: { retries: settings.retries, unitMs: retryUnitMs(env) },
    ca: settings.caCertificates,
    headers: settings.extraHeaders,
  };
}

/** localhost, 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (URL hostnames: lower-cased, brackets kept). */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '[::1]' ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
  );
}

/** The warning for an http:// domain, or undefined when it is https or loopback. */
export function plainHttpWarning(domain: string): string | undefined {
  const url = new URL(domain);
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return undefined;
  return `domain ${url.host} uses http://: the client secret and every secret value travel unencrypted. Use https://`;
}
