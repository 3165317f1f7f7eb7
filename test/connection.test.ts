import { describe, expect, it } from 'vitest';
import { connectionFor, isLoopback, plainHttpWarning } from '../src/infisical/connection.js';

const settings = {
  domain: 'https://example.com/infisical',
  retries: 5,
  requestTimeoutMs: 2500,
  caCertificates: ['PEM'],
  extraHeaders: { 'cf-access-client-id': 'x' },
};

describe('connectionFor', () => {
  it('carries every network setting; the backoff unit is 1 s', () => {
    expect(connectionFor(settings, {})).toEqual({
      domain: 'https://example.com/infisical',
      timeoutMs: 2500,
      retry: { retries: 5, unitMs: 1000 },
      ca: ['PEM'],
      headers: { 'cf-access-client-id': 'x' },
    });
  });
  it('takes a shorter unit from INFISICAL_ACTION_RETRY_BASE_MS, for tests', () => {
    expect(connectionFor(settings, { INFISICAL_ACTION_RETRY_BASE_MS: '5' }).retry).toEqual({ retries: 5, unitMs: 5 });
    expect(connectionFor(settings, { INFISICAL_ACTION_RETRY_BASE_MS: 'x' }).retry?.unitMs).toBe(1000);
    expect(connectionFor(settings, { INFISICAL_ACTION_RETRY_BASE_MS: '' }).retry?.unitMs).toBe(1000);
  });
});

describe('plain http', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:7f00:1]'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });
  it.each(['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '[::2]'])('%s is not loopback', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
  it('takes host names as URL gives them: lower-cased, IPv4-mapped addresses in hex', () => {
    for (const domain of ['http://LOCALHOST:8080', 'http://[::FFFF:127.0.0.1]:80', 'http://127.000.0.1'])
      expect(plainHttpWarning(domain)).toBeUndefined();
  });

  it('warns for an http domain that is not loopback, naming the host', () => {
    expect(plainHttpWarning('http://infisical.internal:8080/x')).toBe(
      'domain infisical.internal:8080 uses http://: the client secret and every secret value travel unencrypted. Use https://',
    );
  });
  it.each(['https://example.com', 'http://127.0.0.1:8080', 'http://localhost', 'http://[::1]:80'])(
    'is quiet for %s',
    (domain) => {
      expect(plainHttpWarning(domain)).toBeUndefined();
    },
  );
});
