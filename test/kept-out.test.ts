// End to end: a folder that holds every name which makes later programs load or run code exports
// none of them to the job's environment, and a later bash step started with what the job receives
// runs nothing from them; the secrets input lets one in; outputs and .env files are as before.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LOADING } from '../src/code-loading.js';
import { DOTENV_NAME } from '../src/names.js';
import { demoInputs, errors, runStep, startDemoFake, warnings, type Fake } from './harness.js';
import { parseFileCommands } from './runner-files.js';

/** One name for each `PREFIX*` entry of the list; a prefix added without one here fails the tests. */
const PREFIX_EXAMPLES: Record<string, string> = {
  'DYLD_*': 'DYLD_INSERT_LIBRARIES',
  'BASH_FUNC_*': 'BASH_FUNC_echo%%',
  'DOTNET_PROFILER*': 'DOTNET_PROFILER_PATH',
  'CORECLR_PROFILER*': 'CORECLR_PROFILER_PATH_64',
  'COR_PROFILER*': 'COR_PROFILER_PATH',
  'GIT_CONFIG_KEY_*': 'GIT_CONFIG_KEY_0',
  'GIT_CONFIG_VALUE_*': 'GIT_CONFIG_VALUE_0',
};
const LISTED = CODE_LOADING.flatMap((group) =>
  group.names.map((name) => {
    if (!name.endsWith('*')) return name;
    const example = PREFIX_EXAMPLES[name];
    if (!example) throw new Error(`add an example name for ${name} to PREFIX_EXAMPLES`);
    return example;
  }),
);
const LOOK_ALIKES = { LD_FLAGS_NOTE: 'note', BASH_COLOR: 'blue', ENVIRONMENT_NAME: 'staging' };

const dir = mkdtempSync(join(tmpdir(), 'kept-out-'));
const marker = (what: string) => join(dir, `${what}.marker`);
const MARKERS = ['bash-env', 'function', 'ps4'].map(marker);
const SCRIPT = join(dir, 'evil.sh');
writeFileSync(SCRIPT, `touch '${marker('bash-env')}'\n`);

/** What a folder writer would put there: for bash, values that run code; elsewhere a plain path. */
const VALUES: Record<string, string> = {
  ...Object.fromEntries(LISTED.map((name) => [name, `/nonexistent/${name}`])),
  BASH_ENV: SCRIPT,
  'BASH_FUNC_echo%%': `() { touch '${marker('function')}'; }`,
  SHELLOPTS: 'xtrace',
  PS4: `$(touch '${marker('ps4')}')`,
};

/** A `run:` step as the runner starts it, with the given environment; which markers it left. */
function bashStep(env: Record<string, string>): string[] {
  for (const path of MARKERS) rmSync(path, { force: true });
  const step = join(dir, 'step.sh');
  writeFileSync(step, 'echo step ran\n');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', step], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, ...env },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return MARKERS.filter((path) => existsSync(path));
}

let fake: Fake;
beforeAll(async () => {
  fake = await startDemoFake({
    dev: { secrets: { '/': { ...VALUES, ...LOOK_ALIKES } } },
    prefixed: { secrets: { '/': { ENV: SCRIPT, PRELOAD: '/nonexistent/lib.so' } } },
  });
});
afterAll(() => fake.close());

const run = (inputs: Record<string, string> = {}) => runStep({ inputs: demoInputs(fake.url, inputs) });
const skippedNames = (lines: string[], what: string) =>
  lines.map((line) => new RegExp(`^Secret "(.*?)" ${what}: `).exec(line)?.[1]).sort();

describe('names that make later programs load or run code', () => {
  it('the bash step of these tests runs what such a folder holds when it reaches the environment', () => {
    // bash ignores PS4 from the environment when it runs as root (as here, unlike on GitHub's runners).
    const root = process.getuid?.() === 0;
    expect(bashStep(VALUES)).toEqual(MARKERS.filter((path) => !(root && path === marker('ps4'))));
  });

  it('are kept out of the environment by default, each named in a warning and the summary', async () => {
    const result = await run();
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual(LOOK_ALIKES);
    expect(skippedNames(warnings(result), 'was not exported')).toEqual([...LISTED].sort());
    expect(warnings(result)).toContain(
      'Secret "BASH_ENV" was not exported: it makes later programs load or run code: ' +
        `${CODE_LOADING.find((g) => g.names.includes('BASH_ENV'))?.why}. To export it anyway, list "BASH_ENV" ` +
        'in the secrets input, or rename it ("BASH_ENV | MY_BASH_ENV")',
    );
    expect(warnings(result)).toContain(
      'Secret "NODE_OPTIONS" was not exported: the runner refuses to set NODE_OPTIONS',
    );
    expect(result.summary).toContain('<tr><td>BASH_ENV</td><td>it makes later programs load or run code: ');
    expect(result.summary).toContain('<tr><td>GIT_SSH_COMMAND</td><td>it makes later programs load or run code: ');
    expect(bashStep(parseFileCommands(result.envText))).toEqual([]);
  });

  it('exports one the secrets input lists, and a renamed one under its harmless name', async () => {
    const listed = await run({ secrets: 'BASH_ENV\nLD_FLAGS_NOTE' });
    expect(errors(listed)).toEqual([]);
    expect(listed.env).toEqual({ BASH_ENV: SCRIPT, LD_FLAGS_NOTE: 'note' });
    expect(bashStep(parseFileCommands(listed.envText))).toEqual([marker('bash-env')]);

    const renamed = await run({ secrets: 'BASH_ENV | MY_BASH_ENV' });
    expect(renamed.env).toEqual({ MY_BASH_ENV: SCRIPT });
    expect(bashStep(parseFileCommands(renamed.envText))).toEqual([]);
  });

  it('does not count a name that name-prefix produced as listed', async () => {
    const prefixed = await run({ environment: 'prefixed', 'name-prefix': 'BASH_' });
    expect(prefixed.env).toEqual({ BASH_PRELOAD: '/nonexistent/lib.so' });
    expect(warnings(prefixed)).toEqual([
      expect.stringMatching(/^Secret "BASH_ENV" was not exported: .* list "ENV \| BASH_ENV" in the secrets input/),
    ]);
    const keyListed = await run({ environment: 'prefixed', 'name-prefix': 'BASH_', secrets: 'ENV' });
    expect(keyListed.code).toBe(1);
    expect(errors(keyListed)).toEqual([
      expect.stringMatching(/^secrets line 1: cannot export "BASH_ENV": it makes later programs load or run code/),
    ]);
    expect(keyListed.envText).toBe('');
  });

  it('are still step outputs and .env file entries, as before', async () => {
    const everywhere = LISTED.filter((name) => name !== 'NODE_OPTIONS');
    const outputs = await run({ 'export-type': 'output' });
    expect(errors(outputs)).toEqual([]);
    expect(outputs.outputs).toEqual(
      Object.fromEntries(everywhere.map((n) => [n, VALUES[n]]).concat(Object.entries(LOOK_ALIKES))),
    );

    const both = await run({ 'export-type': 'both' });
    expect(both.env).toEqual(LOOK_ALIKES);
    expect(Object.keys(both.outputs).sort()).toEqual([...everywhere, ...Object.keys(LOOK_ALIKES)].sort());
    expect(skippedNames(warnings(both), 'was exported as a step output only, not as an environment variable')).toEqual(
      [...everywhere, undefined].sort(),
    );
    expect(both.summary).toContain("Kept out of the job's environment (exported as step outputs only):");
    expect(both.summary).toContain('<tr><td>BASH_ENV</td><td>/</td><td>output</td></tr>');

    const workspace = mkdtempSync(join(tmpdir(), 'ws-'));
    const file = await runStep({
      inputs: demoInputs(fake.url, { 'export-type': 'file' }),
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(errors(file)).toEqual([]);
    const written = dotenv.parse(readFileSync(join(workspace, '.env'), 'utf8'));
    const dotenvNames = everywhere.filter((name) => DOTENV_NAME.test(name));
    expect(Object.keys(written).sort()).toEqual([...dotenvNames, ...Object.keys(LOOK_ALIKES)].sort());
    expect(written['BASH_ENV']).toBe(SCRIPT);
  });
});
