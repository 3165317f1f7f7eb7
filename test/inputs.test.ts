import { afterEach, describe, expect, it } from 'vitest';
import { parseBoolean, parseDomain, parseSecretPath, readSettings } from '../src/inputs.js';

const base = { 'client-id': 'id', 'client-secret': 'secret', 'workspace-id': 'proj', environment: 'dev' };

function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

afterEach(() => setInputs({}));

describe('readSettings', () => {
  it('applies the defaults', () => {
    setInputs(base);
    expect(readSettings()).toEqual({
      domain: 'https://app.infisical.com',
      clientId: 'id',
      clientSecret: 'secret',
      workspaceId: 'proj',
      environment: 'dev',
      secretPath: '/',
      recursive: false,
      includeImports: true,
      expandReferences: true,
      exportType: 'env',
      failOnEmpty: false,
      retries: 3,
      requestTimeoutMs: 30_000,
      caCertificates: [],
      extraHeaders: {},
    });
  });

  it('rejects whitespace inside the environment slug', () => {
    setInputs({ ...base, environment: 'de v' });
    expect(() => readSettings()).toThrow('environment must not contain whitespace (got "de v")');
  });
});

describe('parseBoolean follows the runner', () => {
  it.each(['true', 'True', 'TRUE'])('%s is true', (value) => {
    setInputs({ recursive: value });
    expect(parseBoolean('recursive', false)).toBe(true);
  });
  it.each(['false', 'False', 'FALSE'])('%s is false', (value) => {
    setInputs({ recursive: value });
    expect(parseBoolean('recursive', true)).toBe(false);
  });
  it.each(['yes', '1', 'tRue', 'on'])('%s is refused', (value) => {
    setInputs({ recursive: value });
    expect(() => parseBoolean('recursive', false)).toThrow(`recursive must be true or false (got "${value}")`);
  });
});

describe('parseDomain', () => {
  it.each([
    ['https://app.infisical.com', 'https://app.infisical.com'],
    ['https://app.infisical.com/', 'https://app.infisical.com'],
    ['https://example.com/infisical/', 'https://example.com/infisical'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('normalises %s', (raw, expected) => {
    expect(parseDomain(raw)).toBe(expected);
  });
  it.each(['example.com', 'ftp://example.com', 'https://user:pw@example.com', 'https://e.com/?a=1'])('rejects %s', (raw) => {
    expect(() => parseDomain(raw)).toThrow(/^domain must/);
  });
});

describe('parseSecretPath', () => {
  it('defaults to / and drops a trailing slash', () => {
    expect(parseSecretPath('')).toBe('/');
    expect(parseSecretPath('/app/')).toBe('/app');
  });
  it('refuses a relative path', () => {
    expect(() => parseSecretPath('app')).toThrow(/^secret-path must be a folder path starting with \//);
  });
});
