// End to end: choosing what is exported (secrets, name-prefix), the .env file, the job summary,
// and the limits that keep later steps of the job working.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeParse } from './compose-dotenv.js';
import { CORPUS } from './corpus.js';
import {
  NODES,
  commands,
  demoInputs,
  errors,
  runMainAndPost,
  runStep,
  warnings,
  type StepOptions,
  startDemoFake,
  type Fake,
} from './harness.js';
import { findLeaks } from './leaks.js';

let fake: Fake;
const HOSTILE_KEYS = {
  '<img src=x onerror=alert(1)>': 'hostile-1-value',
  'a|b**c**': 'hostile-2-value',
  '[x](http://e.vil)': 'hostile-3-value',
};

beforeAll(async () => {
  fake = await startDemoFake({
    dev: {
      secrets: {
        '/': { DB_URL: 'postgres://db-value', API_KEY: 'api-key-value', TOKEN: 'root-token-value' },
        '/app': { TOKEN: 'app-token-value' },
      },
      imports: { '/': [{ environment: 'shared', path: '/' }] },
    },
    shared: { secrets: { '/': { SHARED_KEY: 'shared-value' } } },
    cased: { secrets: { '/': { db_pass: 'lower-value', DB_PASS: 'upper-value' } } },
    hostile: { secrets: { '/': CORPUS } },
    compose: { secrets: { '/': { PLAIN: 'plain-value', SPENT: "it's $HOME", JSON: '{"msg":"it\'s"}' } } },
    names: { secrets: { '/': { ...HOSTILE_KEYS, PLAIN: 'plain-value-123' } } },
    big: { secrets: { '/': { BIG_VAL1: 'b'.repeat(140_000), SMALL: 'small-value' } } },
    fits: { secrets: { '/': { FITS_VAL: 'f'.repeat(131_000) } } },
    large: {
      secrets: {
        '/': Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`LARGE_${i}`, `${i}`.repeat(120_000)])),
      },
    },
    huge: {
      secrets: {
        '/': Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`HUGE_${i}`, 'h'.repeat(120_000)])),
      },
    },
    runner: {
      secrets: {
        '/': {
          PATH: '/evil/bin',
          GITHUB_SHA: 'fake-sha-value',
          GITHUB_TOKEN: 'gh-token-value',
          NODE_ENV: 'production',
        },
      },
    },
  });
});
afterAll(() => fake.close());

function run(inputs: Record<string, string>, options: StepOptions = {}) {
  return { ...options, inputs: demoInputs(fake.url, inputs) };
}

describe('secrets and name-prefix', () => {
  it('exports only the listed secrets, renamed ones as named, the others with the prefix', async () => {
    const result = await runStep(
      run({
        secrets: '# what the deploy needs\nDB_URL | DATABASE_URL\n\nAPI_KEY\n  SHARED_KEY  ',
        'name-prefix': 'TF_VAR_',
      }),
    );
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({
      DATABASE_URL: 'postgres://db-value',
      TF_VAR_API_KEY: 'api-key-value',
      TF_VAR_SHARED_KEY: 'shared-value',
    });
  });

  it('prefixes every name without a list', async () => {
    const result = await runStep(run({ 'name-prefix': 'X_', 'include-imports': 'false' }));
    expect(Object.keys(result.env).sort()).toEqual(['X_API_KEY', 'X_DB_URL', 'X_TOKEN']);
  });

  it('picks folder-qualified keys with recursive', async () => {
    const result = await runStep(run({ recursive: 'true', secrets: '/TOKEN | ROOT_TOKEN\n/app/TOKEN | APP_TOKEN' }));
    expect(result.env).toEqual({ ROOT_TOKEN: 'root-token-value', APP_TOKEN: 'app-token-value' });
  });

  it('lists every missing key in one error and exports nothing', async () => {
    const result = await runStep(run({ secrets: 'DB_URL\nNOPE_1\nAPI_KEY\nNOPE_2' }));
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual(['secrets lists keys that were not found: NOPE_1, NOPE_2']);
    expect(result.envText).toBe('');
  });

  it('names the line of a malformed entry, before any request', async () => {
    const before = fake.requests.length;
    const result = await runStep(run({ secrets: 'DB_URL\nA | B | C' }));
    expect(errors(result)).toEqual(['secrets line 2 is malformed: expected KEY, KEY | NAME or /folder/KEY | NAME']);
    expect(fake.requests.length).toBe(before);
  });

  it('fails when two secrets end up with one name, naming both sources', async () => {
    const result = await runStep(run({ secrets: 'DB_URL | SAME\nSHARED_KEY | SAME' }));
    expect(errors(result)[0]).toMatch(
      /^Two secrets would be exported as SAME: DB_URL from \/ and SHARED_KEY from imported from shared:\//,
    );
    expect(result.envText).toBe('');
  });
});

describe.each(NODES)('.env file export under %s', (_label, node) => {
  it('writes every carriable corpus value byte-exact for dotenv, mode 0600, replacing the file; post deletes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    writeFileSync(join(dir, 'secrets.env'), 'OLD=content\n', { mode: 0o644 });
    const { QUOTES: _quotes, ...carriable } = CORPUS;
    const secrets = Object.keys(carriable).join('\n');
    const options = run(
      // As stored: expanding references, Infisical would turn ${PATH} into an empty string.
      {
        environment: 'hostile',
        'export-type': 'file',
        'file-path': 'secrets.env',
        secrets,
        'expand-references': 'false',
      },
      { node, env: { GITHUB_WORKSPACE: dir, ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } },
    );
    const main = await runStep(options);
    expect(errors(main)).toEqual([]);
    const path = join(dir, 'secrets.env');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(dotenv.parse(readFileSync(path, 'utf8'))).toEqual(carriable);
    expect(main.env).toEqual({});
    expect(main.stdout).toContain(`as a .env file at ${path}`);
    expect(findLeaks(main.stdout, main.stderr, Object.values(CORPUS))).toEqual([]);
    const post = await runStep({ ...options, state: main.state });
    expect(post.code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(post.stdout).toContain(`Deleted the .env file ${path}`);
  });
});

describe('step outputs', () => {
  it('refuses two names the runner takes for one (it ignores case in output names), writing nothing', async () => {
    const result = await runStep(run({ environment: 'cased', 'export-type': 'both' }));
    expect(errors(result)).toEqual([
      'Two step outputs, DB_PASS and db_pass, would be one to the runner, which ignores case in names: ' +
        'rename one with the secrets input (KEY | NAME)',
    ]);
    expect([result.envText, result.outputText]).toEqual(['', '']);
    const renamed = await runStep(
      run({ environment: 'cased', 'export-type': 'output', secrets: 'db_pass | DB_PASS_OLD\nDB_PASS' }),
    );
    expect(renamed.outputs).toEqual({ DB_PASS_OLD: 'lower-value', DB_PASS: 'upper-value' });
  });
});

describe('.env file export', () => {
  it('skips a value no dotenv form carries with a warning naming it and writes the rest; fails when listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const options = { env: { GITHUB_WORKSPACE: dir } };
    const inputs = { environment: 'hostile', 'export-type': 'file', 'expand-references': 'false' };
    const result = await runStep(run(inputs, options));
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([
      'Secret "QUOTES" was not exported: no .env quoting carries its value exactly (dotenv has no escape for ' +
        'its mix of quotes, line breaks, # and backslashes); use export-type env or output for it',
    ]);
    const { QUOTES: _quotes, ...carriable } = CORPUS;
    expect(dotenv.parse(readFileSync(join(dir, '.env'), 'utf8'))).toEqual(carriable);
    rmSync(join(dir, '.env'));
    const listed = await runStep(run({ ...inputs, secrets: 'PEM_KEY\nQUOTES' }, options));
    expect(errors(listed)).toEqual([
      'secrets line 2: cannot export "QUOTES": no .env quoting carries its value exactly (dotenv has no escape ' +
        'for its mix of quotes, line breaks, # and backslashes); use export-type env or output for it',
    ]);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    const env = await runStep(run({ ...inputs, 'export-type': 'env', secrets: 'QUOTES' }, options));
    expect(env.env).toEqual({ QUOTES: CORPUS['QUOTES'] });
  });

  it('warns naming the values docker compose would read differently, and writes them for dotenv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const result = await runStep(
      run({ environment: 'compose', 'export-type': 'file' }, { env: { GITHUB_WORKSPACE: dir } }),
    );
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([
      'docker compose reads SPENT differently from this .env file (it has no backtick quotes and expands ' +
        '$ and backslash escapes in double quotes); the dotenv package reads them exactly. Hand them to compose ' +
        'another way, for example export-type env',
    ]);
    const text = readFileSync(join(dir, '.env'), 'utf8');
    expect(dotenv.parse(text)).toEqual({ PLAIN: 'plain-value', SPENT: "it's $HOME", JSON: '{"msg":"it\'s"}' });
    expect(composeParse(text)).toEqual({ PLAIN: 'plain-value', SPENT: "it's ", JSON: '{"msg":"it\'s"}' });
  });

  it('keeps the file with keep-file, and post is fine when the file is already gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const kept = await runMainAndPost(
      run({ 'export-type': 'file', 'keep-file': 'true' }, { env: { GITHUB_WORKSPACE: dir } }),
    );
    expect(kept.post.code).toBe(0);
    expect(dotenv.parse(readFileSync(join(dir, '.env'), 'utf8'))['DB_URL']).toBe('postgres://db-value');
    const options = run({ 'export-type': 'file', 'file-path': 'gone.env' }, { env: { GITHUB_WORKSPACE: dir } });
    const main = await runStep(options);
    const post = await runStep({ ...options, state: { ...main.state, exportedFile: join(dir, 'never-written.env') } });
    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('::warning');
  });

  it('fails when file-path is a folder, and the post step then neither deletes nor warns about it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(dir, '.env'));
    const options = run({ 'export-type': 'file' }, { env: { GITHUB_WORKSPACE: dir } });
    const main = await runStep(options);
    expect(errors(main)).toEqual([expect.stringMatching(/^Cannot write file-path .*\.env: EISDIR/)]);
    const post = await runStep({ ...options, state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('::warning');
    expect(statSync(join(dir, '.env')).isDirectory()).toBe(true);
  });

  it('refuses a file-path whose folder does not exist', async () => {
    const result = await runStep(run({ 'export-type': 'file', 'file-path': 'no/such/dir/.env' }));
    expect(errors(result)[0]).toMatch(/^file-path .*no\/such\/dir\/\.env: the folder .*no\/such\/dir does not exist/);
  });
});

describe('job summary', () => {
  it('lists names with source and destination, escapes hostile names and shows no value', async () => {
    const result = await runStep(
      run({ environment: 'names', 'export-type': 'both' }, { env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } }),
    );
    expect(errors(result)).toEqual([]);
    expect(result.summary).toContain(
      '<p>Exported <b>3</b> secrets from <code>names:/</code> as environment variables and step outputs.</p>',
    );
    expect(result.summary).toContain('<tr><td>PLAIN</td><td>/</td><td>env, output</td></tr>');
    expect(result.summary).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(result.summary).not.toMatch(/<img|<a |<script/);
    for (const value of [...Object.values(HOSTILE_KEYS), 'plain-value-123'])
      expect(result.summary).not.toContain(value);
    expect(findLeaks(result.stdout, result.stderr, Object.values(HOSTILE_KEYS))).toEqual([]);
  });

  it('writes no summary with summary false', async () => {
    const result = await runStep(run({ summary: 'false' }));
    expect(result.summary).toBe('');
  });

  it('that cannot be written is one warning: the secrets stay exported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    const result = await runStep(run({ 'include-imports': 'false' }, { env: { GITHUB_STEP_SUMMARY: dir } }));
    expect(result.code).toBe(0);
    expect(warnings(result)).toEqual([expect.stringMatching(/^The job summary was not written: EISDIR/)]);
    expect(result.env).toMatchObject({ DB_URL: 'postgres://db-value' });
  });
});

describe("limits and the runner's variables", () => {
  it('refuses a 140,000-byte value by name, exporting nothing', async () => {
    const result = await runStep(run({ environment: 'big' }));
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toMatch(
      /^Cannot export BIG_VAL1 \(140010 bytes\) as environment variables: Linux limits one variable to 131072 bytes/,
    );
    expect(errors(result)[0]).toContain('use export-type output or file');
    expect(result.envText).toBe('');
    expect(result.outputText).toBe('');
  });

  it('exports a 131,000-byte value and a later process still starts with that environment', async () => {
    const result = await runStep(run({ environment: 'fits' }));
    expect(errors(result)).toEqual([]);
    expect(result.env['FITS_VAL']).toHaveLength(131_000);
    const later = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.FITS_VAL.length))'], {
      env: { ...process.env, ...result.env },
    });
    expect(later.error).toBeUndefined();
    expect(later.stdout.toString()).toBe('131000');
  });

  it('warns when later steps would start with more than 1 MiB of environment', async () => {
    const result = await runStep(run({ environment: 'large' }));
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([
      expect.stringMatching(
        /^Later steps will start with about \d+ KiB of environment, \d+ KiB of it from these secrets \(largest new: LARGE_/,
      ),
    ]);
  });

  it('fails above 1 MB of outputs or what Linux can start a process with, writing nothing', async () => {
    const outputs = await runStep(run({ environment: 'large', 'export-type': 'output' }));
    expect(errors(outputs)).toEqual([
      expect.stringMatching(/^Cannot export 1080\d{3} bytes of step outputs: GitHub keeps/),
    ]);
    expect(outputs.outputText).toBe('');
    const env = await runStep(run({ environment: 'huge' }));
    expect(errors(env)).toEqual([
      expect.stringMatching(/^Cannot export these secrets as environment variables: .* more than Linux allows/),
    ]);
    expect(env.envText).toBe('');
  });

  it("skips the runner's variables with a warning each, exports them when listed, and notices replacements", async () => {
    const skipped = await runStep(run({ environment: 'runner' }, { env: { NODE_ENV: 'test' } }));
    expect(skipped.env).toEqual({ GITHUB_TOKEN: 'gh-token-value', NODE_ENV: 'production' });
    expect(warnings(skipped)).toEqual([
      'Secret "GITHUB_SHA" was not exported: it would replace the runner\'s GITHUB_SHA; list it in the secrets input to export it anyway',
      'Secret "PATH" was not exported: it would replace the runner\'s PATH; list it in the secrets input to export it anyway',
    ]);
    expect(commands(skipped.stdout, 'notice')).toEqual([
      "Secrets replaced these variables of the job's environment: NODE_ENV",
    ]);
    expect(skipped.stdout).not.toContain('test');
    const listed = await runStep(run({ environment: 'runner', secrets: 'PATH\nGITHUB_SHA' }));
    expect(listed.env).toEqual({ PATH: '/evil/bin', GITHUB_SHA: 'fake-sha-value' });
    expect(commands(listed.stdout, 'notice')).toEqual([
      "Secrets replaced these variables of the job's environment: PATH",
    ]);
  });

  it('does not notice a variable that already holds the same value (an earlier step, or env:)', async () => {
    const again = await runStep(run({ environment: 'runner' }, { env: { NODE_ENV: 'production' } }));
    expect(again.env['NODE_ENV']).toBe('production');
    expect(commands(again.stdout, 'notice')).toEqual([]);
  });
});
