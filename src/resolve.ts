// Turns Infisical's answer into the secrets to export: imports, recursion and name rules.
// Pure functions: no I/O, so every rule is tested without a server.
import type { SecretList } from './secrets.js';

export interface Source {
  /** Folder the secret lives in, e.g. `/app`. */
  path: string;
  /** Set when the secret comes from an import: the imported environment. */
  importedFrom?: string;
}

export interface Secret {
  key: string;
  value: string;
  source: Source;
}

export class ResolveError extends Error {}

export function describeSource(source: Source): string {
  return source.importedFrom ? `imported from ${source.importedFrom}:${source.path}` : source.path;
}

/**
 * The folder's own secrets win over imported ones; among imports the later one wins. With
 * `recursive`, one key in two folders is an error naming both paths, never a silent pick.
 */
export function resolveSecrets(list: SecretList, secretPath: string): Secret[] {
  const result = new Map<string, Secret>();
  for (const imported of list.imports) {
    for (const s of imported.secrets) {
      const source = { path: s.secretPath ?? imported.secretPath, importedFrom: imported.environment };
      result.delete(s.secretKey); // re-insert so the winner takes the later position
      result.set(s.secretKey, { key: s.secretKey, value: s.secretValue, source });
    }
  }
  const own = new Map<string, Secret>();
  for (const s of list.secrets) {
    const path = s.secretPath ?? secretPath;
    const earlier = own.get(s.secretKey);
    if (earlier && earlier.source.path !== path) {
      throw new ResolveError(
        `Secret ${s.secretKey} exists in both ${earlier.source.path} and ${path}; ` +
          'read one folder with secret-path, or rename one of them',
      );
    }
    // In one folder a personal override replaces the shared value.
    if (earlier && s.type !== 'personal') continue;
    own.set(s.secretKey, { key: s.secretKey, value: s.secretValue, source: { path } });
  }
  for (const [key, secret] of own) {
    result.delete(key);
    result.set(key, secret);
  }
  return [...result.values()];
}

/** Why a name cannot be exported, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.includes('=')) return 'the name contains "="';
  if (name.includes('<<')) return 'the name contains "<<"';
  if (/[\0\r\n]/.test(name)) return 'the name contains a NUL, CR or LF character';
  if (name.toUpperCase() === 'NODE_OPTIONS') return 'the runner refuses to set NODE_OPTIONS';
  return undefined;
}

export interface Skipped {
  name: string;
  reason: string;
}

/** Splits secrets into exportable ones and skipped ones with the reason. */
export function applyNameRules(secrets: Secret[]): { exported: Secret[]; skipped: Skipped[] } {
  const exported: Secret[] = [];
  const skipped: Skipped[] = [];
  for (const secret of secrets) {
    const reason = nameProblem(secret.key);
    if (reason) skipped.push({ name: secret.key, reason });
    else exported.push(secret);
  }
  return { exported, skipped };
}
