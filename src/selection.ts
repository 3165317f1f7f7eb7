// The `secrets` input: which secrets to export and under which names, and `name-prefix`.
// Grammar, one per line: `KEY`, `KEY | NAME` or `/folder/KEY | NAME`; blank lines and `# comments`
// are ignored and whitespace around parts is trimmed. Pure functions, tested without a server.
import { describeSource, type Secret, type Source } from './resolve.js';
import type { Entry } from './export/export.js';

export interface Selector {
  line: number;
  /** Folder of a folder-qualified key (`/app/KEY` → `/app`); it then matches the folder's own secrets only. */
  path?: string;
  key: string;
  /** The exported name, when the line renames the secret. */
  name?: string;
}

/**
 * A secret with the name it is exported under (`value` is the secret's, so a Chosen is an export
 * entry as it is); `line` is set when the `secrets` input listed it.
 */
export interface Chosen extends Entry {
  secret: Secret;
  line?: number;
  /** Set when the list wrote the exported name itself (`KEY | NAME`, or `KEY` without a prefix). */
  named?: boolean;
}

export class SelectionError extends Error {}

const USAGE = 'expected KEY, KEY | NAME or /folder/KEY | NAME';

export function parseSelection(text: string): Selector[] {
  const selectors: Selector[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const malformed = new SelectionError(`secrets line ${index + 1} is malformed: ${USAGE}`);
    const [ref = '', name, ...extra] = line.split('|').map((part) => part.trim());
    if (ref === '' || /\s/.test(ref) || name === '' || extra.length > 0) throw malformed;
    let key = ref;
    let path: string | undefined;
    if (ref.startsWith('/')) {
      const cut = ref.lastIndexOf('/');
      key = ref.slice(cut + 1);
      path = ref.slice(0, cut).replace(/\/+$/, '') || '/';
      if (key === '') throw malformed;
    }
    selectors.push({ line: index + 1, key, ...(path ? { path } : {}), ...(name ? { name } : {}) });
  });
  return selectors;
}

function describeRef({ path, key }: Selector): string {
  return path ? `${path === '/' ? '' : path}/${key}` : key;
}

/** The listed secrets under their final names; every missing key is reported at once. */
function pick(secrets: Secret[], selectors: Selector[], prefix: string): Chosen[] {
  const byKey = new Map<string, Secret[]>();
  for (const secret of secrets) byKey.set(secret.key, [...(byKey.get(secret.key) ?? []), secret]);
  const missing: string[] = [];
  const chosen: Chosen[] = [];
  for (const selector of selectors) {
    const matches = (byKey.get(selector.key) ?? []).filter(
      (s) => selector.path === undefined || (s.source.path === selector.path && !s.source.importedFrom),
    );
    if (matches.length === 0) missing.push(describeRef(selector));
    // Only own secrets of several folders (recursive) share a key: imports are resolved to one.
    if (matches.length > 1) {
      const where = matches.map((m) => describeSource(m.source)).join(' and ');
      throw new SelectionError(
        `secrets line ${selector.line}: ${selector.key} exists in ${where}; write /folder/KEY to pick one`,
      );
    }
    const [secret] = matches;
    if (secret)
      chosen.push({
        name: selector.name ?? prefix + selector.key,
        value: secret.value,
        secret,
        line: selector.line,
        named: selector.name !== undefined || prefix === '',
      });
  }
  if (missing.length > 0) throw new SelectionError(`secrets lists keys that were not found: ${missing.join(', ')}`);
  return chosen;
}

/** The error for two secrets that would be exported under one name, naming both sources. */
function clash(first: Chosen, second: Chosen): SelectionError {
  const [a, b] = [first.secret, second.secret];
  const both = `${a.key} from ${describeSource(a.source)} and ${b.key} from ${describeSource(b.source)}`;
  const fix = 'Pick one with the secrets input (/folder/KEY | NAME) or read one folder with secret-path';
  const withheld = a.hidden || b.hidden ? ' (Infisical withholds one of the values from this identity)' : '';
  return new SelectionError(`Two secrets would be exported as ${second.name}: ${both}. ${fix}${withheld}`);
}

/**
 * The warning for imports that gave one key different values (recursive only: see resolve.ts), naming
 * the key of each exported secret, the secret or import that won and the imports it beat; never a value.
 */
export function importDisputes(chosen: readonly Chosen[]): string | undefined {
  const disputes = chosen.flatMap(({ secret }) => {
    if (!secret.overruled) return [];
    return [
      `${secret.key} (${describeImport(secret.source)} won over ${secret.overruled.map(describeImport).join(', ')})`,
    ];
  });
  if (disputes.length === 0) return undefined;
  return (
    `With recursive, imports gave different values for ${disputes.join(', ')}. A folder's own secret, then ` +
    "the later import in Infisical's list wins, as within one folder, but that list does not say which " +
    'folder imports which (an own secret winning is expected when its folder imports the key itself): ' +
    'read one folder with secret-path to choose'
  );
}

function describeImport(source: Source): string {
  return source.importedFrom === undefined ? `own secret in ${source.path}` : `${source.importedFrom}:${source.path}`;
}

/**
 * Applies the `secrets` list (all secrets when it is empty) and the prefix; fails when two secrets
 * would be exported under one name, naming both sources.
 */
export function selectSecrets(secrets: Secret[], selectors: Selector[], prefix: string): Chosen[] {
  const chosen: Chosen[] = selectors.length > 0 ? pick(secrets, selectors, prefix) : [];
  const byName = new Map<string, Chosen>();
  const claim = (item: Chosen): void => {
    const other = byName.get(item.name);
    if (other) throw clash(other, item);
    byName.set(item.name, item);
  };
  if (selectors.length > 0) chosen.forEach(claim);
  else {
    // Without a list every secret is chosen: one pass names and claims each.
    for (const secret of secrets) {
      const item = { name: prefix + secret.key, value: secret.value, secret };
      claim(item);
      chosen.push(item);
    }
  }
  return chosen;
}
