// Turns Infisical's answer into the secrets to export: imports, recursion and name rules.
// Pure functions: no I/O, so every rule is tested without a server.
import type { RawSecret, SecretList } from './infisical/secrets.js';

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
  /** Infisical withheld the value (`secretValueHidden`): `value` is its placeholder, never exported. */
  hidden: boolean;
  /** With recursive: the imports that gave this key another value and lost to this secret. */
  overruled?: Source[];
}

export function describeSource(source: Source): string {
  return source.importedFrom ? `imported from ${source.importedFrom}:${source.path}` : source.path;
}

/**
 * Infisical's precedence, as it applies it to a single secret: the folder's own secrets win over
 * imported ones; among imports the later one in the list wins; within one import the first entry
 * wins. With `recursive`, one own key may stand in several folders: all are kept, and choosing
 * between them is the job of selection (two secrets exported under one name are an error there,
 * never a silent pick). Infisical then lists the imports of every folder together, ordered by
 * position only, without saying which folder imports which: the same precedence applies, and the
 * winning secret (own or imported) records the imports whose different value it beat (`overruled`),
 * for a warning that names them, since the winner may stand in another folder than the import.
 */
export function resolveSecrets(list: SecretList, secretPath: string, recursive = false): Secret[] {
  // One Source per folder, shared by its secrets: thousands of secrets, a handful of folders.
  const sources = new Map<string, Source>();
  const sourceFor = (path: string, importedFrom?: string): Source => {
    const id = importedFrom === undefined ? path : `${importedFrom}\0${path}`;
    let source = sources.get(id);
    if (!source) sources.set(id, (source = importedFrom === undefined ? { path } : { path, importedFrom }));
    return source;
  };
  const imported = new Map<string, Secret>();
  const beaten = new Map<string, Secret[]>(); // with recursive: every import entry a later one replaced
  for (const { secrets, secretPath: path, environment } of list.imports) {
    // Within one import the first entry wins: Infisical appends the secrets of the imported folder's
    // own imports after its secrets, and the imported folder's own secret beats those.
    const seen = new Set<string>();
    for (const s of secrets) {
      if (seen.has(s.secretKey)) continue;
      seen.add(s.secretKey);
      const earlier = imported.get(s.secretKey);
      // Infisical gives an imported secret no secretPath: it is named by its import.
      const secret: Secret = {
        key: s.secretKey,
        value: s.secretValue,
        source: sourceFor(path, environment),
        hidden: s.secretValueHidden === true,
      };
      if (recursive && earlier) {
        const losers = [...(beaten.get(s.secretKey) ?? []), earlier];
        beaten.set(s.secretKey, losers);
        const overruled = losers.filter((l) => l.value !== secret.value).map((l) => l.source);
        if (overruled.length > 0) secret.overruled = overruled;
      }
      imported.delete(s.secretKey); // re-insert so the winner takes the later position
      imported.set(s.secretKey, secret);
    }
  }
  // What the imports gave, kept whole while own secrets take keys out of `imported`: every own secret
  // of a sub-folder is held against it, whatever the order of the list.
  const importedOnce = recursive ? new Map(imported) : imported;
  // A personal override replaces the shared secret of its folder and key, in the shared one's place.
  // Machine identities (the ones CI logs in with) have no personal secrets, so the usual list needs
  // no bookkeeping per secret. Two shared secrets of one key and folder are not merged: selection
  // then refuses them as two secrets for one name.
  const idOf = (s: RawSecret): string => `${s.secretPath ?? secretPath}\0${s.secretKey}`;
  const overrides = new Map<string, RawSecret>();
  for (const s of list.secrets) if (s.type === 'personal') overrides.set(idOf(s), s);
  const placed = new Set<string>();
  const own: Secret[] = [];
  for (const s of list.secrets) {
    let chosen = s;
    if (overrides.size > 0) {
      const id = idOf(s);
      if (placed.has(id)) continue;
      placed.add(id);
      chosen = overrides.get(id) ?? s;
    }
    const secret: Secret = {
      key: chosen.secretKey,
      value: chosen.secretValue,
      source: sourceFor(chosen.secretPath ?? secretPath),
      hidden: chosen.secretValueHidden === true,
    };
    // An own secret of the folder read beats every import, as a read without recursive would have it;
    // one of a sub-folder may be displacing another folder's import: that is named in a warning.
    const displaced = importedOnce.get(secret.key);
    if (recursive && displaced && secret.source.path !== secretPath) {
      const losers = [displaced, ...(beaten.get(secret.key) ?? [])].filter((l) => l.value !== secret.value);
      if (losers.length > 0) secret.overruled = losers.map((l) => l.source);
    }
    own.push(secret);
    imported.delete(secret.key);
  }
  return imported.size === 0 ? own : [...imported.values(), ...own];
}
