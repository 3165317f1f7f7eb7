// Reads and validates every input once, before any request, into one typed Settings object.
// Nothing else reads inputs. Each problem is one line naming the input and what it accepts.
import { input } from './runner.js';

export type ExportType = 'env' | 'output' | 'both';

export interface Settings {
  /** Base URL without trailing slash, e.g. `https://example.com/infisical`. */
  domain: string;
  clientId: string;
  clientSecret: string;
  workspaceId: string;
  environment: string;
  secretPath: string;
  recursive: boolean;
  includeImports: boolean;
  expandReferences: boolean;
  exportType: ExportType;
  failOnEmpty: boolean;
}

export class InputError extends Error {}

function required(name: string): string {
  const value = input(name);
  if (value === '') throw new InputError(`Input required and not supplied: ${name}`);
  return value;
}

/** The runner's boolean rule (as core.getBooleanInput): only true/True/TRUE/false/False/FALSE. */
export function parseBoolean(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name} must be true or false (got "${value}")`);
}

function oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
  const value = input(name) || fallback;
  if (!(accepted as readonly string[]).includes(value)) {
    throw new InputError(`${name} must be one of ${accepted.join(', ')} (got "${value}")`);
  }
  return value as T;
}

export function parseDomain(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`domain must be an http(s) URL such as https://app.infisical.com (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`domain must be an http(s) URL such as https://app.infisical.com (got "${raw}")`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError('domain must not contain credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function parseSecretPath(raw: string): string {
  const path = raw === '' ? '/' : raw;
  if (!path.startsWith('/') || /[\0\r\n]/.test(path)) {
    throw new InputError(`secret-path must be a folder path starting with / such as /app/api (got "${path}")`);
  }
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function slug(name: string): string {
  const value = required(name);
  if (/[\s\0]/.test(value)) throw new InputError(`${name} must not contain whitespace (got "${value}")`);
  return value;
}

export function readSettings(): Settings {
  return {
    domain: parseDomain(input('domain') || 'https://app.infisical.com'),
    clientId: required('client-id'),
    clientSecret: required('client-secret'),
    workspaceId: slug('workspace-id'),
    environment: slug('environment'),
    secretPath: parseSecretPath(input('secret-path')),
    recursive: parseBoolean('recursive', false),
    includeImports: parseBoolean('include-imports', true),
    expandReferences: parseBoolean('expand-references', true),
    exportType: oneOf('export-type', ['env', 'output', 'both'] as const, 'env'),
    failOnEmpty: parseBoolean('fail-on-empty', false),
  };
}
