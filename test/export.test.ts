import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteExportedFile, planExport, valueProblem, writeExport, type WrittenFile } from '../src/export/export.js';
import { parseFileCommands } from './runner-files.js';

// Windows' file system tunnelling: a file renamed to a name removed there in the last 15 s takes the old
// file's creation time. Paths listed here report another birth time once something is at them.
const tunnelled = new Set<string>();
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const lstatSync = ((path: string, options?: object) => {
    const stats = fs.lstatSync(path, options);
    if (stats && tunnelled.has(path)) Object.assign(stats, { birthtimeNs: 1n, birthtimeMs: 0 });
    return stats;
  }) as typeof fs.lstatSync;
  return { ...fs, lstatSync };
});

afterEach(() => vi.unstubAllEnvs());

const dir = () => mkdtempSync(join(tmpdir(), 'export-'));

describe('valueProblem', () => {
  it('refuses a NUL only for environment variables, and lone surrogates everywhere', () => {
    expect(valueProblem('a\0b', 'env')).toMatch(/NUL byte/);
    expect(valueProblem('a\0b', 'output')).toBeUndefined();
    expect(valueProblem('\ud800', 'output')).toMatch(/lone surrogate/);
  });
});

describe('planExport and writeExport', () => {
  it('names every value that cannot be exported', () => {
    const entries = [
      { name: 'A', value: 'a\0' },
      { name: 'B', value: 'ok' },
      { name: 'C', value: '\udc00' },
    ];
    expect(() => planExport(entries, 'env', '/tmp/.env', {}, {})).toThrow(
      /^Cannot export A: .*NUL.*; C: .*lone surrogate/,
    );
  });

  it('refuses a lone surrogate in a step output too: written to the file it would arrive as U+FFFD', () => {
    for (const type of ['output', 'both'] as const) {
      expect(() => planExport([{ name: 'A', value: 'x\ud800' }], type, '', {}, {})).toThrow(
        /^Cannot export A: its value is not valid Unicode text \(a lone surrogate\)$/,
      );
    }
    expect(planExport([{ name: 'A', value: 'a\0b' }], 'output', '', {}, {}).outputs).toHaveLength(1);
  });

  it('refuses a secret output named like the token output, in any case', () => {
    expect(() => planExport([{ name: 'access-token', value: 'x' }], 'output', '', { 'access-token': 't' }, {})).toThrow(
      'Two step outputs are named access-token: rename one with the secrets input (KEY | NAME) or turn off output-token',
    );
    expect(() => planExport([{ name: 'Access-Token', value: 'x' }], 'output', '', { 'access-token': 't' }, {})).toThrow(
      /^Two step outputs, Access-Token and access-token, would be one to the runner, .* or turn off output-token$/,
    );
  });

  it('exports a value ending with CR on Windows, and folds case one character at a time as the runner does', () => {
    expect(planExport([{ name: 'A', value: 'x\r' }], 'both', '', {}, {}, 'win32').env).toHaveLength(1);
    const german = [
      { name: 'STRASSE', value: '1' },
      { name: 'Straße', value: '2' },
    ];
    expect(planExport(german, 'output', '', {}, {}, 'linux').outputs).toEqual(german);
  });

  it('refuses names one reader would take for one: outputs always, variables on Windows only', () => {
    const entries = [
      { name: 'db_pass', value: 'lower' },
      { name: 'DB_PASS', value: 'upper' },
    ];
    const clash = (who: string) =>
      `Two ${who}, db_pass and DB_PASS, would be one to the runner, which ignores case in names: ` +
      'rename one with the secrets input (KEY | NAME)';
    expect(() => planExport(entries, 'output', '', {}, {}, 'linux')).toThrow(clash('step outputs'));
    expect(planExport(entries, 'env', '', {}, {}, 'linux').env).toEqual(entries);
    expect(() => planExport(entries, 'env', '', {}, {}, 'win32')).toThrow(
      clash('environment variables').replace('the runner', 'a Windows runner'),
    );
  });

  it('names a variable of the job a secret replaces in another case on Windows, which ignores case there', () => {
    const entries = [{ name: 'temp', value: 'x' }];
    expect(planExport(entries, 'env', '', {}, { TEMP: 'C:\\t' }, 'win32').replaced).toEqual(['TEMP']);
    expect(planExport(entries, 'env', '', {}, { TEMP: '/t' }, 'darwin').replaced).toEqual([]);
    expect(planExport(entries, 'env', '', {}, { temp: '/t' }, 'linux').replaced).toEqual(['temp']);
  });

  it('writes nothing when a command file is missing', () => {
    const d = dir();
    writeFileSync(join(d, 'env'), '');
    vi.stubEnv('GITHUB_ENV', join(d, 'env'));
    vi.stubEnv('GITHUB_OUTPUT', '');
    const plan = planExport([{ name: 'A', value: '1' }], 'both', '', {}, {});
    expect(() => writeExport(plan)).toThrow('GITHUB_OUTPUT is not set');
    expect(readFileSync(join(d, 'env'), 'utf8')).toBe('');
  });

  it('writes env and outputs with one append each', () => {
    const d = dir();
    for (const f of ['env', 'output']) writeFileSync(join(d, f), '');
    vi.stubEnv('GITHUB_ENV', join(d, 'env'));
    vi.stubEnv('GITHUB_OUTPUT', join(d, 'output'));
    writeExport(planExport([{ name: 'A', value: 'x\ny' }], 'both', '', { 'access-token': 't' }, {}));
    expect(parseFileCommands(readFileSync(join(d, 'env'), 'utf8'))).toEqual({ A: 'x\ny' });
    expect(parseFileCommands(readFileSync(join(d, 'output'), 'utf8'))).toEqual({ A: 'x\ny', 'access-token': 't' });
  });

  it('sends an entry kept out of the environment to outputs alone, and does not count it as replacing one', () => {
    const entries = [
      { name: 'A', value: '1' },
      { name: 'BASH_ENV', value: '/x.sh', outputOnly: true },
    ];
    const plan = planExport(entries, 'both', '', {}, { BASH_ENV: '/old.sh' });
    expect(plan.env.map((e) => e.name)).toEqual(['A']);
    expect(plan.outputs.map((e) => e.name)).toEqual(['A', 'BASH_ENV']);
    expect(plan.replaced).toEqual([]);
  });

  it('refuses a file-path whose folder is a file, before anything is written', () => {
    const file = join(dir(), 'not-a-folder');
    writeFileSync(file, '');
    expect(() => planExport([{ name: 'A', value: '1' }], 'file', join(file, '.env'), {}, {})).toThrow(
      `file-path ${join(file, '.env')}: the folder ${file} does not exist`,
    );
  });

  it('never deletes a link or a folder at the path, whatever id the post step was given', () => {
    const d = dir();
    const link = join(d, 'link.env');
    writeFileSync(join(d, 'target'), 'A=1\n');
    symlinkSync(join(d, 'target'), link);
    mkdirSync(join(d, 'folder.env'));
    for (const path of [link, join(d, 'folder.env')]) {
      expect(deleteExportedFile({ path, id: '' })).toBe('replaced');
      expect(existsSync(path)).toBe(true);
    }
  });

  it('tells the post step the .env file as it is at its path, when taking the path changed its birth time', () => {
    const path = join(dir(), '.env');
    tunnelled.add(path);
    const told: WrittenFile[] = [];
    writeExport(planExport([{ name: 'A', value: '1' }], 'file', path, {}, {}), (file) => told.push(file));
    expect(told.at(-1)?.path).toBe(path);
    expect(deleteExportedFile(told.at(-1) as WrittenFile)).toBe('deleted');
    expect(existsSync(path)).toBe(false);
  });
});
