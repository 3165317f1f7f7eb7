// Reads and validates every input once, before any request, into one typed Settings object.
// Nothing else reads inputs. Each problem is one line naming the input and what it accepts.
// The runner passes inputs as environment variables, which cannot hold a NUL: none is checked for.
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { HEADER_VALUE, MAX_TIMEOUT_MS } from './infisical/http.js';
import { input } from './runner.js';
import { parseSelection, type Selector } from './selection.js';
import type { ListQuery } from './infisical/secrets.js';

export type ExportType = 'env' | 'output' | 'both' | 'file';

/** One case per login method (src/login/), each with what that method needs. */
export type AuthSettings =
  | { method: 'universal'; clientId: string; clientSecret: string }
  | { method: 'oidc'; identityId: string; audience: string }
  | { method: 'kubernetes'; identityId: string; tokenPath: string }
  | { method: 'gcp-id-token'; identityId: string }
  | { method: 'azure'; identityId: string; resource: string }
  | { method: 'jwt'; identityId: string; jwt: string; audience: string }
  | { method: 'token'; token: string }
  | { method: 'aws-iam'; identityId: string };

/** Where Kubernetes mounts a pod's service-account token. */
export const DEFAULT_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** Infisical's documented default resource (audience) for Azure Auth. */
export const DEFAULT_AZURE_RESOURCE = 'https://management.azure.com/';

const METHODS = ['universal', 'oidc', 'aws-iam', 'kubernetes', 'gcp-id-token', 'azure', 'jwt', 'token'] as const;

/** The query fields (workspace, environment, path, recursion, imports, references) come from ListQuery. */
export interface Settings extends ListQuery {
  /** Base URL without trailing slash, e.g. `https://example.com/infisical`. */
  domain: string;
  auth: AuthSettings;
  exportType: ExportType;
  failOnEmpty: boolean;
  /** The `secrets` input parsed; empty exports every secret. */
  selectors: Selector[];
  namePrefix: string;
  /** Absolute path of the .env file for export-type file. */
  filePath: string;
  keepFile: boolean;
  summary: boolean;
  /** Revoke the access token in the post step. */
  revokeToken: boolean;
  /** Set the `access-token` step output. */
  outputToken: boolean;
  /** Attempts after the first for a call that hit a transient fault. */
  retries: number;
  /** Deadline of one attempt of one call, connection to last byte. */
  requestTimeoutMs: number;
  /** Extra CA certificates (PEM, one per entry), trusted in addition to the default roots. */
  caCertificates: string[];
  /** Extra headers for every call, names lower-cased. Values are sensitive: mask them. */
  extraHeaders: Record<string, string>;
}

export class InputError extends Error {}

function required(name: string): string {
  const value = input(name);
  if (value === '') throw new InputError(`Input required and not supplied: ${name}`);
  return value;
}

/** A boolean by the YAML 1.2 core schema, as core.getBooleanInput reads it; empty takes the fallback. */
export function parseBoolean(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === '') return fallback;
  try {
    return core.getBooleanInput(name);
  } catch {
    // core's own error spans two lines; ours is one and quotes what was given.
    throw new InputError(`${name} must be true or false (got "${value}")`);
  }
}

function oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
  const value = input(name) || fallback;
  if (!(accepted as readonly string[]).includes(value)) {
    throw new InputError(`${name} must be one of ${accepted.join(', ')} (got "${value}")`);
  }
  return value as T;
}

export function parseDomain(raw: string): string {
  // Whatever stands before an "@" may be credentials: never echoed.
  const shown = raw.replace(/^([a-z][\w+.-]*:\/\/)?.*@/is, '$1…@');
  const invalid = new InputError(`domain must be an http(s) URL such as https://app.infisical.com (got "${shown}")`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid;
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError('domain must not contain credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A folder path; one without a leading slash starts at the root, as Infisical (and Infisical/secrets-action) reads it. */
export function parseSecretPath(raw: string): string {
  if (/[\r\n]/.test(raw)) {
    throw new InputError(`secret-path must be one folder path such as /app/api (got ${JSON.stringify(raw)})`);
  }
  const path = raw.startsWith('/') ? raw : `/${raw}`;
  return path.replace(/(.)\/+$/, '$1');
}

function slug(name: string, value: string): string {
  if (value === '') throw new InputError(`Input required and not supplied: ${name}`);
  if (/\s/.test(value)) throw new InputError(`${name} must not contain whitespace (got "${value}")`);
  return value;
}

/**
 * An input that may also be given under the name Infisical/secrets-action uses: either one, or both
 * when they agree after `normalize` (a path resolved, for example). Differing values fail naming both.
 */
function aliased(name: string, alias: string, normalize = (_name: string, value: string) => value): string {
  const [raw, rawAlias] = [input(name), input(alias)];
  const [value, other] = [raw && normalize(name, raw), rawAlias && normalize(alias, rawAlias)];
  if (value && other && value !== other) {
    const which = `${name} is "${raw}" but ${alias} (its Infisical/secrets-action name) is "${rawAlias}"`;
    throw new InputError(`${which}: set only one of them`);
  }
  return value || other || '';
}

/** The project by ID (workspace-id) or by slug (project-slug, as Infisical/secrets-action names it). */
function readProject(): ListQuery['project'] {
  const [id, projectSlug] = [input('workspace-id'), input('project-slug')];
  if (id && projectSlug) throw new InputError('Set workspace-id or project-slug, not both');
  if (projectSlug) return { workspaceSlug: slug('project-slug', projectSlug) };
  return { workspaceId: slug(id ? 'workspace-id' : 'workspace-id (or project-slug)', id) };
}

/**
 * The .env file: file-path resolves against the workspace (an absolute path stays as it is);
 * file-output-path, as in Infisical/secrets-action, is always under the workspace, even when it
 * starts with / (its default there, /.env, is the workspace's .env).
 */
function readFilePath(): string {
  const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
  const under = (name: string, value: string) =>
    name === 'file-path' ? resolve(workspace, value) : join(workspace, value);
  return aliased('file-path', 'file-output-path', under) || resolve(workspace, '.env');
}

export function parseRetries(raw: string): number {
  if (raw === '') return 3;
  if (!/^\d+$/.test(raw) || Number(raw) > 10) {
    throw new InputError(`retries must be a whole number from 0 to 10 (got "${raw}")`);
  }
  return Number(raw);
}

export function parseRequestTimeout(raw: string): number {
  const text = raw || '30';
  const seconds = Number(text);
  const max = MAX_TIMEOUT_MS / 1000;
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 0.001 || seconds > max) {
    throw new InputError(`request-timeout must be a number of seconds from 0.001 to ${max} (got "${raw}")`);
  }
  return Math.round(seconds * 1000);
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

/** Each PEM certificate in the text, checked to parse; text around the blocks (comments) is ignored. */
export function parseCaCertificates(raw: string): string[] {
  if (raw === '') return [];
  const blocks = raw.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    const expected = 'the PEM text of one or more certificates (-----BEGIN CERTIFICATE----- ...)';
    throw new InputError(`ca-certificate must be ${expected}, not a file path`);
  }
  blocks.forEach((block, index) => {
    try {
      // node:crypto is loaded only when a CA is given: it costs start-up time.
      new (process.getBuiltinModule('node:crypto').X509Certificate)(block);
    } catch {
      const which = `certificate ${index + 1} of ${blocks.length}`;
      throw new InputError(`ca-certificate: ${which} is not a valid PEM certificate`);
    }
  });
  return blocks;
}

/** Headers the action sets itself; extra-headers may not replace them. */
const RESERVED_HEADERS = ['authorization', 'content-type', 'content-length', 'host', 'transfer-encoding'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Name: value` per line; errors name the line number and header name, never the value. */
export function parseExtraHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  raw.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `extra-headers line ${index + 1}`;
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) {
      throw new InputError(`${where} must be "Name: value", with a header name of letters, digits and -`);
    }
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.includes(key)) {
      throw new InputError(`${where} sets ${name}, which the action sets itself: remove it`);
    }
    if (key in headers) throw new InputError(`${where} repeats the header ${name}`);
    const value = line.slice(colon + 1).trim();
    if (!HEADER_VALUE.test(value)) {
      throw new InputError(`${where}: the value of ${name} has characters not allowed in a header`);
    }
    headers[key] = value;
  });
  return headers;
}

export function parsePrefix(raw: string): string {
  if (/[\s=]/.test(raw) || raw.includes('<<')) {
    throw new InputError(`name-prefix must not contain whitespace, "=" or "<<" (got "${raw}")`);
  }
  return raw;
}

/**
 * A machine identity's ID, as PostgreSQL reads a UUID (upper case, hyphens left out): Infisical looks
 * it up as one, and answers anything else (the identity's name, say) with 500 "Something went wrong",
 * which the action would retry and report as an outage.
 */
export const IDENTITY_ID = /^[0-9a-f]{4}(-?[0-9a-f]{4}){7}$/i;

function identityId(): string {
  const value = required('identity-id');
  if (!IDENTITY_ID.test(value)) {
    throw new InputError(
      "identity-id must be the machine identity's ID, a UUID such as 2f0a5d4e-8c1b-4e6a-9d3f-5b7c1a2e4f60 " +
        "(on the identity's page in Infisical), not its name",
    );
  }
  return value;
}

function readAuth(): AuthSettings {
  const method = oneOf('method', METHODS, 'universal');
  switch (method) {
    case 'universal':
      if (input('client-id') === '' && input('identity-id') !== '') {
        // An identity-id without a method is a machine-identity login whose method was left out.
        throw new InputError(
          `identity-id is set but method is universal, which takes client-id and client-secret: set method (${METHODS.filter((m) => m !== 'universal' && m !== 'token').join(', ')})`,
        );
      }
      return { method, clientId: required('client-id'), clientSecret: required('client-secret') };
    case 'token':
      return { method, token: required('token') };
    case 'oidc':
      return { method, identityId: identityId(), audience: input('oidc-audience') };
    case 'aws-iam':
      return { method, identityId: identityId() };
    case 'kubernetes':
      return {
        method,
        identityId: identityId(),
        tokenPath: input('kubernetes-token-path') || DEFAULT_TOKEN_PATH,
      };
    case 'gcp-id-token':
      return { method, identityId: identityId() };
    case 'azure':
      return {
        method,
        identityId: identityId(),
        resource: input('azure-resource') || DEFAULT_AZURE_RESOURCE,
      };
    case 'jwt':
      return { method, identityId: identityId(), jwt: input('jwt'), audience: input('oidc-audience') };
  }
}

/**
 * File inputs given while no file is written: export-type: file was most likely meant. keep-file has
 * a default (false) that the runner always passes: only true counts as given.
 */
export function ignoredFileInputs({
  exportType,
  keepFile,
}: Pick<Settings, 'exportType' | 'keepFile'>): string | undefined {
  if (exportType === 'file') return undefined;
  const given = ['file-path', 'file-output-path'].filter((name) => input(name) !== '');
  if (keepFile) given.push('keep-file');
  if (given.length === 0) return undefined;
  return `${given.join(', ')} only ${given.length > 1 ? 'apply' : 'applies'} with export-type: file; with export-type: ${exportType} no .env file is written`;
}

export function readSettings(): Settings {
  return {
    domain: parseDomain(input('domain') || 'https://app.infisical.com'),
    auth: readAuth(),
    project: readProject(),
    environment: slug('environment', aliased('environment', 'env-slug')),
    secretPath: parseSecretPath(input('secret-path')),
    recursive: parseBoolean('recursive', false),
    includeImports: parseBoolean('include-imports', true),
    expandReferences: parseBoolean('expand-references', true),
    exportType: oneOf('export-type', ['env', 'output', 'both', 'file'] as const, 'env'),
    failOnEmpty: parseBoolean('fail-on-empty', false),
    selectors: parseSelection(input('secrets', { lines: true })),
    namePrefix: parsePrefix(input('name-prefix')),
    filePath: readFilePath(),
    keepFile: parseBoolean('keep-file', false),
    summary: parseBoolean('summary', true),
    revokeToken: parseBoolean('revoke-token', true),
    outputToken: parseBoolean('output-token', false),
    retries: parseRetries(input('retries')),
    requestTimeoutMs: parseRequestTimeout(input('request-timeout')),
    caCertificates: parseCaCertificates(input('ca-certificate')),
    extraHeaders: parseExtraHeaders(input('extra-headers', { lines: true })),
  };
}
