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

export function describeSource(source: Source): string {
  return source.importedFrom ? `imported from ${source.importedFrom}:${source.path}` : source.path;
}

/**
 * The folder's own secrets win over imported ones; among imports the later one wins. With
 * `recursive`, one key may stand in several folders: all are kept, and choosing between them is the
 * job of selection (two secrets exported under one name are an error there, never a silent pick).
 */
export function resolveSecrets(list: SecretList, secretPath: string): Secret[] {
  const imported = new Map<string, Secret>();
  for (const { secrets, secretPath: path, environment } of list.imports) {
    for (const s of secrets) {
      imported.delete(s.secretKey); // re-insert so the winner takes the later position
      imported.set(s.secretKey, {
        key: s.secretKey,
        value: s.secretValue,
        source: { path: s.secretPath ?? path, importedFrom: environment },
      });
    }
  }
  // One entry per folder and key; in one folder a personal override replaces the shared value.
  const own = new Map<string, Secret>();
  for (const s of list.secrets) {
    const path = s.secretPath ?? secretPath;
    const id = `${path}\0${s.secretKey}`;
    if (own.has(id) && s.type !== 'personal') continue;
    own.set(id, { key: s.secretKey, value: s.secretValue, source: { path } });
    imported.delete(s.secretKey);
  }
  return [...imported.values(), ...own.values()];
}
