// Secret references as Infisical expands them: `${KEY}` from the secret's own environment and
// folder, `${env.KEY}` from an environment's root, `${env.a.b.KEY}` from folder /a/b of that
// environment. A reference to nothing becomes empty; references inside referenced values are
// expanded too, up to 10 levels (Infisical's limit), a cycle yielding empty.

const REFERENCE = /\$\{([a-zA-Z0-9\-_.@]+)\}/g;
const MAX_DEPTH = 10;

/**
 * Where a reference points, seen from a secret in `environment`:`path`.
 * @param {string} reference @param {string} environment @param {string} path
 */
function target(reference, environment, path) {
  const parts = reference.trim().split('.');
  const key = parts.pop() ?? '';
  if (parts.length === 0) return { environment, path, key };
  const [env = '', ...folders] = parts;
  return { environment: env, path: `/${folders.join('/')}`, key };
}

/**
 * Expands `value` as a secret in `environment`:`path` sees it. `lookup(environment, path, key)`
 * gives a stored (unexpanded) value, or undefined when there is none.
 * @param {string} value @param {string} environment @param {string} path
 * @param {(environment: string, path: string, key: string) => string | undefined} lookup
 */
export function expandReferences(value, environment, path, lookup, depth = 0, seen = new Set()) {
  return value.replace(REFERENCE, (_whole, reference) => {
    const at = target(reference, environment, path);
    const id = `${at.environment}\0${at.path}\0${at.key}`;
    const found = lookup(at.environment, at.path, at.key);
    if (found === undefined || seen.has(id) || depth >= MAX_DEPTH) return '';
    return expandReferences(found, at.environment, at.path, lookup, depth + 1, new Set([...seen, id]));
  });
}
