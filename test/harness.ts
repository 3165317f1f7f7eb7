// Runs the built dist/index.js the way the Actions runner does: inputs as INPUT_* (declared inputs
// get their action.yml default), fresh GITHUB_ENV/GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY
// files, stdout read as workflow commands, then the files parsed with the runner's own algorithm.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFileCommands } from './runner-files.js';
import { inputEnv, MACHINE_NODE, NODE24, readActionYml, ROOT } from './runner-env.js';

export { ROOT };
export const DIST = join(ROOT, 'dist', 'index.js');
export const actionYml = readActionYml();

/** The Node binaries the end-to-end tests run under: the machine's and Node 24 from npm. */
export const NODES: Array<[string, string]> = [
  [`machine node (${MACHINE_NODE})`, MACHINE_NODE],
  ['node 24', NODE24],
];

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  env: Record<string, string>;
  outputs: Record<string, string>;
  state: Record<string, string>;
  envText: string;
  outputText: string;
  summary: string;
  dir: string;
}

export interface StepOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  node?: string;
  /** State from the main step: the runner passes it to the post step as STATE_<name>. */
  state?: Record<string, string>;
  dir?: string;
  timeoutMs?: number;
}

/** Environment of a step: INPUT_* for every declared input (default or given), plus extras. */
export function stepEnv(options: StepOptions, dir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
  };
  Object.assign(env, inputEnv(options.inputs ?? {}));
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function read(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Runs one step (main, or post when `state` is given) and collects what the runner would see. */
export async function runStep(options: StepOptions = {}): Promise<StepResult> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'step-'));
  for (const file of ['env', 'output', 'state', 'summary']) {
    if (!existsSync(join(dir, file))) writeFileSync(join(dir, file), '');
  }
  const env = stepEnv(options, dir);
  const child = spawn(options.node ?? process.execPath, [DIST], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
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

/** Main then post, as the runner runs them, post in a fresh directory with main's state. */
export async function runMainAndPost(options: StepOptions = {}): Promise<{ main: StepResult; post: StepResult }> {
  const main = await runStep(options);
  const post = await runStep({ ...options, dir: undefined, state: main.state });
  return { main, post };
}

/** The `::error::` lines of a step, decoded. */
export function errors(result: StepResult): string[] {
  return commands(result.stdout, 'error');
}

export function warnings(result: StepResult): string[] {
  return commands(result.stdout, 'warning');
}

export function decode(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Data of every `::name ...::data` command line in stdout. */
export function commands(stdout: string, name: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^::${name}(?: [^:]*)?::(.*)$`).exec(line);
    if (match) out.push(decode(match[1] ?? ''));
  }
  return out;
}
