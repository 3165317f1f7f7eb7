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
  // One Source per folder, shared by its secrets: thousands of secrets, a handful of folders.
  const sources = new Map<string, Source>();
  const sourceFor = (path: string, importedFrom?: string): Source => {
    const id = importedFrom === undefined ? path : `${importedFrom}\0${path}`;
    let source = sources.get(id);
    if (!source) sources.set(id, (source = importedFrom === undefined ? { path } : { path, importedFrom }));
    return source;
  };
  const imported = new Map<string, Secret>();
  for (const { secrets, secretPath: path, environment } of list.imports) {
    for (const s of secrets) {
      imported.delete(s.secretKey); // re-insert so the winner takes the later position
      imported.set(s.secretKey, {
        key: s.secretKey,
        value: s.secretValue,
        source: sourceFor(s.secretPath ?? path, environment),
      });
    }
  }
  // One entry per folder and key; in one folder a personal override replaces the shared value.
  const own: Secret[] = [];
  const positions = new Map<Source, Map<string, number>>();
  for (const s of list.secrets) {
    const source = sourceFor(s.secretPath ?? secretPath);
    let inFolder = positions.get(source);
    if (!inFolder) positions.set(source, (inFolder = new Map<string, number>()));
    const at = inFolder.get(s.secretKey);
    const secret = { key: s.secretKey, value: s.secretValue, source };
    if (at === undefined) inFolder.set(s.secretKey, own.push(secret) - 1);
    else if (s.type === 'personal') own[at] = secret;
    imported.delete(s.secretKey);
  }
  return [...imported.values(), ...own];
}
