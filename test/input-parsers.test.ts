// The parsers of single inputs (domain, secret-path, the network inputs), tested on raw strings.
import { describe, expect, it } from 'vitest';
import {
  parseCaCertificates,
  parseDomain,
  parseExtraHeaders,
  parseRequestTimeout,
  parseSecretPath,
  parseRetries,
} from '../src/inputs.js';
import { makeCerts } from './certs.js';

describe('parseDomain', () => {
  it.each([
    ['https://app.infisical.com', 'https://app.infisical.com'],
    ['https://app.infisical.com/', 'https://app.infisical.com'],
    ['https://example.com/infisical/', 'https://example.com/infisical'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('normalises %s', (raw, expected) => {
    expect(parseDomain(raw)).toBe(expected);
  });
  it.each(['example.com', 'ftp://example.com', 'https://user:pw@example.com', 'https://e.com/?a=1'])(
    'rejects %s',
    (raw) => {
      expect(() => parseDomain(raw)).toThrow(/^domain must/);
    },
  );
  it('never echoes what may be credentials in a domain it rejects', () => {
    for (const [raw, shown] of [
      ['ftp://user:hunter2@host', 'ftp://…@host'],
      ['https://user:s3 cr3t@ho st/', 'https://…@ho st/'],
      ['user:hunter2@example.com', '…@example.com'],
      ['https://user:pa/ss@host.example', 'https://…@host.example'],
    ]) {
      expect(() => parseDomain(raw)).toThrow(`(got "${shown}")`);
    }
  });
});

describe('parseSecretPath', () => {
  it('defaults to / and drops a trailing slash', () => {
    expect(parseSecretPath('')).toBe('/');
    expect(parseSecretPath('/app/')).toBe('/app');
    expect(parseSecretPath('//')).toBe('/');
  });
  it('reads a path without a leading slash from the root, as Infisical does', () => {
    expect(parseSecretPath('app/api/')).toBe('/app/api');
  });
  it('refuses a line break or NUL', () => {
    expect(() => parseSecretPath('/app\n/x')).toThrow(/^secret-path must be one folder path such as \/app\/api/);
  });
});

describe('network inputs', () => {
  it('retries: a whole number from 0 to 10, default 3', () => {
    expect(parseRetries('')).toBe(3);
    expect(parseRetries('0')).toBe(0);
    expect(parseRetries('10')).toBe(10);
    for (const bad of ['11', '-1', '1.5', 'three']) {
      expect(() => parseRetries(bad)).toThrow(`retries must be a whole number from 0 to 10 (got "${bad}")`);
    }
  });

  it('request-timeout: seconds from 0.001 (1 ms) up to 600, default 30, in ms', () => {
    expect(parseRequestTimeout('')).toBe(30_000);
    expect(parseRequestTimeout('0.5')).toBe(500);
    expect(parseRequestTimeout('600')).toBe(600_000);
    expect(parseRequestTimeout('0.001')).toBe(1);
    for (const bad of ['0', '0.0005', '601', '-5', '1e3', '30s']) {
      expect(() => parseRequestTimeout(bad)).toThrow(
        `request-timeout must be a number of seconds from 0.001 to 600 (got "${bad}")`,
      );
    }
  });

  it('ca-certificate: every PEM block, checked to parse, comments around them ignored', () => {
    const { ca, cert } = makeCerts(['a.test'], []);
    expect(parseCaCertificates('')).toEqual([]);
    expect(parseCaCertificates(`# private CA\n${ca}\n# server\n${cert}`)).toEqual([ca.trim(), cert.trim()]);
    expect(() => parseCaCertificates('/etc/ssl/private-ca.pem')).toThrow(
      /^ca-certificate must be the PEM text of one or more/,
    );
    const broken = ca.replace(/(-----BEGIN CERTIFICATE-----\n)..../, '$1AAAA');
    expect(() => parseCaCertificates(`${ca}\n${broken}`)).toThrow(
      'ca-certificate: certificate 2 of 2 is not a valid PEM certificate',
    );
  });

  it('extra-headers: one "Name: value" per line, names lower-cased, blank lines skipped', () => {
    expect(parseExtraHeaders('CF-Access-Client-Id: abc.access\n\r\n  X-Token :  a:b c  \r\n')).toEqual({
      'cf-access-client-id': 'abc.access',
      'x-token': 'a:b c',
    });
  });

  it.each([
    ['no-colon-here', 'extra-headers line 1 must be "Name: value", with a header name of letters, digits and -'],
    ['A: 1\nBad Name: 2', 'extra-headers line 2 must be "Name: value", with a header name of letters, digits and -'],
    [': value', 'extra-headers line 1 must be "Name: value", with a header name of letters, digits and -'],
    ['X-A: 1\n\nx-a: 2', 'extra-headers line 3 repeats the header x-a'],
    ['Authorization: Bearer x', 'extra-headers line 1 sets Authorization, which the action sets itself: remove it'],
    ['content-type: text/plain', 'extra-headers line 1 sets content-type, which the action sets itself: remove it'],
    ['Content-Length: 5', 'extra-headers line 1 sets Content-Length, which the action sets itself: remove it'],
    ['Host: evil', 'extra-headers line 1 sets Host, which the action sets itself: remove it'],
    ['X-A: caf\u00e9 \u2603', 'extra-headers line 1: the value of X-A has characters not allowed in a header'],
  ])('refuses %j naming the line, never the value', (raw, message) => {
    expect(() => parseExtraHeaders(raw)).toThrow(message);
  });
});
