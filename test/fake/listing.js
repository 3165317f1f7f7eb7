// GET /api/v3/secrets/raw as Infisical answers it (backend as of mid-2026, checked against the
// answers recorded in test/real-answers/):
// - own secrets sorted by key (with `recursive`, across the folder and every folder under it), each
//   with its `secretPath`; references expanded only with expandSecretReferences=true;
// - imports ordered by position only (every folder's first import before any folder's second; within
//   one position in the order the fixture lists folders: the server gives no order there);
// - an import's secrets are the imported folder's own, then those of the folder's own imports
//   appended; each imported folder appears once in the whole answer (a folder already listed is not
//   appended again); imports of imports of imports are lost (a server quirk, kept here);
// - imported secrets are always expanded, in the context of the import they are listed under
//   (even those appended from a deeper import), and each key appears once within one import.
import { randomUUID } from 'node:crypto';
import { expandReferences } from './references.js';

/**
 * @typedef {{ environment: string, path: string }} ImportRef
 * @typedef {{ secrets: Record<string, Record<string, string>>, imports?: Record<string, ImportRef[]>,
 *   hidden?: string[] }} Environment
 * @typedef {{ environments: Record<string, Environment>, slug?: string, members?: string[],
 *   denied?: string[] }} Project
 */

export const HIDDEN_VALUE = '<hidden-by-infisical>';
const CREATED = '2026-01-01T00:00:00.000Z';

/** A folder path as Infisical reads it: trimmed, without a trailing slash, leading slash added for lookup. */
export function folderOf(secretPath) {
  const echoed = (secretPath ?? '/').trim().replace(/(.)\/+$/, '$1') || '/';
  return { echoed, path: echoed.startsWith('/') ? echoed : `/${echoed}` };
}

const within = (folder, path) => folder === path || folder.startsWith(`${path === '/' ? '' : path}/`);

/** Every folder of an environment: the root, those holding secrets or imports, and their parents. */
export function foldersOf(env) {
  const folders = new Set(['/']);
  for (const folder of [...Object.keys(env.secrets), ...Object.keys(env.imports ?? {})]) {
    const parts = folder.split('/').filter(Boolean);
    parts.forEach((_part, index) => folders.add(`/${parts.slice(0, index + 1).join('/')}`));
  }
  return [...folders];
}

const byKey = (a, b) => (a.secretKey < b.secretKey ? -1 : a.secretKey > b.secretKey ? 1 : 0);

/** @param {Record<string, Project>} projects */
export function createListing(projects) {
  // Stable ids, so that one secret answers with one id every time.
  const ids = new Map();
  const idOf = (...parts) => {
    const id = parts.join('\0');
    if (!ids.has(id)) ids.set(id, randomUUID());
    return ids.get(id);
  };

  /** @param {Project} project */
  const lookupIn = (project) => (environment, path, key) => project.environments[environment]?.secrets[path]?.[key];

  /** A folder's own secrets as stored, sorted by key, in the fields every listed secret has. */
  function stored(projectId, project, environment, folder) {
    const env = project.environments[environment];
    return Object.entries(env?.secrets[folder] ?? {})
      .map(([key, value]) => {
        const hidden = env?.hidden?.includes(key) ?? false;
        return {
          id: idOf(projectId, environment, folder, key),
          environment,
          version: 1,
          type: 'shared',
          secretKey: key,
          secretValue: hidden ? HIDDEN_VALUE : value,
          secretComment: '',
          skipMultilineEncoding: false,
          isRotatedSecret: false,
          rotationId: null,
          secretValueHidden: hidden,
          secretMetadata: [],
        };
      })
      .map((secret) => ({ ...secret, _id: secret.id }))
      .sort(byKey);
  }

  /** Own secrets of the listed folder (or, recursive, every folder under it), expanded when asked. */
  function ownSecrets(projectId, project, environment, folder, recursive, expand) {
    const env = project.environments[environment];
    const folders = recursive ? foldersOf(env).filter((f) => within(f, folder.path)) : [folder.path];
    const lookup = lookupIn(project);
    return folders
      .flatMap((path) =>
        stored(projectId, project, environment, path).map((secret) => ({
          ...secret,
          workspace: projectId,
          secretValue:
            expand && !secret.secretValueHidden
              ? expandReferences(secret.secretValue, environment, path, lookup)
              : secret.secretValue,
          secretReminderNote: null,
          secretReminderRepeatDays: null,
          createdAt: CREATED,
          updatedAt: CREATED,
          secretPath: recursive || path !== folder.path ? path : folder.echoed,
          tags: [],
        })),
      )
      .sort(byKey);
  }

  /** The imports of the listed folders, by position; a folder importing nothing adds nothing. */
  function rootImports(env, folder, recursive) {
    const lists = Object.entries(env.imports ?? {})
      .filter(([path]) => path === folder.path || (recursive && within(path, folder.path)))
      .map(([, refs]) => refs);
    const longest = Math.max(0, ...lists.map((refs) => refs.length));
    return Array.from({ length: longest }, (_, position) => lists.flatMap((refs) => refs[position] ?? []));
  }

  /** The answer's `imports`, level by level as Infisical walks them (see the head of this file). */
  function importsOf(projectId, project, refs) {
    const uniq = (ref) => `${ref.environment}=${ref.path}`;
    const done = new Set();
    /** @type {Array<{ ref: ImportRef, secrets: object[] }>} */
    const listed = [];
    const stack = [{ refs, depth: 0, into: /** @type {object[]} */ ([]) }];
    while (stack.length > 0) {
      const { refs: batch, depth, into } = /** @type {(typeof stack)[number]} */ (stack.pop());
      const fresh = batch.filter(
        (ref, i) => !done.has(uniq(ref)) && batch.findIndex((r) => uniq(r) === uniq(ref)) === i,
      );
      if (depth > 10 || fresh.length === 0) continue;
      const first = listed.length === 0;
      fresh.forEach((ref) => done.add(uniq(ref)));
      for (const ref of fresh) {
        const env = project.environments[ref.environment];
        if (!env || !foldersOf(env).includes(ref.path)) continue;
        const secrets = stored(projectId, project, ref.environment, ref.path).map((s) => ({ ...s, workspace: '' }));
        const deeper = env.imports?.[ref.path] ?? [];
        if (deeper.length > 0) stack.push({ refs: deeper, depth: depth + 1, into: secrets });
        if (first) listed.push({ ref, secrets });
        else into.push(...secrets);
      }
    }
    const lookup = lookupIn(project);
    return listed.map(({ ref, secrets }) => ({
      secretPath: ref.path,
      environment: ref.environment,
      folderId: idOf(projectId, ref.environment, ref.path),
      secrets: secrets
        .filter((s, i) => secrets.findIndex((t) => t.secretKey === s.secretKey) === i)
        .map((s) =>
          s.secretValueHidden
            ? s
            : { ...s, secretValue: expandReferences(s.secretValue, ref.environment, ref.path, lookup) },
        ),
    }));
  }

  /**
   * The body for a listing the caller has checked (project, environment and folder exist).
   * @param {string} projectId @param {string} environment @param {Record<string, string>} query
   */
  function body(projectId, environment, query) {
    const project = projects[projectId];
    const folder = folderOf(query.secretPath);
    const recursive = query.recursive === 'true';
    const secrets = ownSecrets(
      projectId,
      project,
      environment,
      folder,
      recursive,
      query.expandSecretReferences === 'true',
    );
    if (query.include_imports !== 'true') return { secrets, imports: [] };
    const env = project.environments[environment];
    return { secrets, imports: importsOf(projectId, project, rootImports(env, folder, recursive).flat()) };
  }

  return { body };
}
