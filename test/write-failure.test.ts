// A write that fails part way, end to end: the built dist/ runs under a file-size limit (prlimit),
// which makes the kernel write what fits and then fail, as a full disk does. Whatever was appended
// is taken back, so the runner never reads a value cut short; every command file is left as it was,
// and so is a .env file the action could not replace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODES, demoInputs, errors, runStep, startDemoFake, type Fake } from './harness.js';

const LIMIT = 64 * 1024;
// Twenty one-line values of 5,000 bytes: about 100 KB of GITHUB_ENV, more than LIMIT.
const SECRETS = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`PART_${i}`, `${i % 10}`.repeat(5_000)]));
const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

let fake: Fake;
beforeAll(async () => {
  fake = await startDemoFake({ dev: { secrets: { '/': SECRETS } } });
});
afterAll(() => fake.close());

function step(inputs: Record<string, string>, dir: string, node?: string) {
  return runStep({
    node,
    dir,
    prefix: ['prlimit', `--fsize=${LIMIT}`],
    inputs: demoInputs(fake.url, inputs),
  });
}

describe.runIf(hasPrlimit && process.platform === 'linux').each(NODES)('a write cut short under %s', (_label, node) => {
  it('GITHUB_ENV is cut back to what it held: no entry, whole or partial, is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cut-'));
    writeFileSync(join(dir, 'env'), 'EARLIER=kept\n');
    const result = await step({}, dir, node);
    expect(result.code).toBe(1);
    const [error, ...rest] = errors(result);
    expect(rest).toEqual([]);
    expect(error).toMatch(new RegExp(`^Cannot append to ${join(dir, 'env')}: EFBIG: .+; it was left as it was$`));
    expect(readFileSync(join(dir, 'env'), 'utf8')).toBe('EARLIER=kept\n');
  });

  it('with export-type both, a failed output append takes the environment append back too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cut-'));
    // The outputs file is nearly at the limit: the environment append fits, the output append does not.
    const filler = `FILLER=${'x'.repeat(LIMIT - 20_000)}\n`;
    writeFileSync(join(dir, 'output'), filler);
    const one = { secrets: 'PART_0\nPART_1\nPART_2\nPART_3' }; // about 20 KB each way
    const result = await step({ ...one, 'export-type': 'both' }, dir, node);
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toMatch(new RegExp(`^Cannot append to ${join(dir, 'output')}: EFBIG`));
    expect(readFileSync(join(dir, 'env'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe(filler);
  });

  it('a .env file that cannot be written leaves the file that was there, and the post step leaves it too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cut-'));
    const path = join(dir, 'app.env');
    writeFileSync(path, 'COMMITTED=default\n');
    const inputs = { 'export-type': 'file', 'file-path': path };
    const main = await step(inputs, dir, node);
    expect(main.code).toBe(1);
    expect(errors(main)).toEqual([expect.stringMatching(new RegExp(`^Cannot write file-path ${path}: EFBIG`))]);
    expect(main.state['exportedFile'] ?? '').toBe(''); // taken back: a later empty entry replaces it
    const post = await runStep({ node, inputs: demoInputs(fake.url, inputs), state: main.state });
    expect(errors(post)).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('COMMITTED=default\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
