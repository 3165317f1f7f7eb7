// End to end: the post step's cleanup. It deletes the .env file its own main step wrote and nothing
// else, and it never fails the job: a revoke that never ends is a warning, and the file still goes.
import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNFINISHED } from '../src/finish.js';
import { REPLACED } from '../src/post.js';
import { NODES, demoInputs, errors, runStep, startDemoFake, warnings, type Fake } from './harness.js';

let fake: Fake;
beforeAll(async () => {
  fake = await startDemoFake({ dev: { secrets: { '/': { FOO: 'BAR' } } } });
});
afterAll(() => fake.close());

/** One step of a job whose workspace is `dir`, with fresh command files as the runner gives each step. */
function step(
  dir: string,
  inputs: Record<string, string>,
  options: { node?: string; state?: Record<string, string> } = {},
) {
  for (const file of ['env', 'output', 'state', 'summary']) writeFileSync(join(dir, file), '');
  return runStep({
    ...options,
    dir,
    inputs: demoInputs(fake.url, { 'export-type': 'file', ...inputs }),
    env: { GITHUB_WORKSPACE: dir },
  });
}

describe('the post step deletes only the .env file its main step wrote', () => {
  it('two uses in one job: the second keeps its file at the same path, and the first post step leaves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'two-uses-'));
    const first = await step(dir, {});
    const second = await step(dir, { 'keep-file': 'true' });
    expect([first.code, second.code]).toEqual([0, 0]);
    // Post steps run in reverse order, each with its own step's state.
    const secondPost = await step(dir, { 'keep-file': 'true' }, { state: second.state });
    const firstPost = await step(dir, {}, { state: first.state });
    expect([secondPost.code, firstPost.code]).toEqual([0, 0]);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('FOO=BAR\n');
    expect(firstPost.stdout).not.toContain('Deleted');
    expect(warnings(firstPost)).toEqual([`Left ${join(dir, '.env')}: ${REPLACED}`]);
  });

  it.each([
    ['a new file', (path: string) => (writeFileSync(`${path}.new`, 'OTHER=1\n'), renameSync(`${path}.new`, path))],
    ['a symlink', (path: string) => (rmSync(path), symlinkSync(join(tmpdir(), 'elsewhere.env'), path))],
    ['a folder', (path: string) => (rmSync(path), mkdirSync(path))],
  ])('leaves the path when another step replaced the file by %s', async (_case, replace) => {
    const dir = mkdtempSync(join(tmpdir(), 'replaced-'));
    const main = await step(dir, {});
    const path = join(dir, '.env');
    replace(path);
    const before = lstatSync(path, { bigint: true }).ino;
    const post = await step(dir, {}, { state: main.state });
    expect(post.code).toBe(0);
    expect([errors(post), warnings(post)]).toEqual([[], [`Left ${path}: ${REPLACED}`]]);
    expect(lstatSync(path, { throwIfNoEntry: false, bigint: true })?.ino).toBe(before);
  });

  it('deletes the file it wrote when another step only added to it: it still holds the values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appended-'));
    const main = await step(dir, {});
    appendFileSync(join(dir, '.env'), 'MORE=1\n');
    const post = await step(dir, {}, { state: main.state });
    expect(post.code).toBe(0);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    expect(post.stdout).toContain(`Deleted the .env file ${join(dir, '.env')}`);
  });
});

describe.each(NODES)('the post step never fails the job, under %s', (_label, node) => {
  it('a revoke whose connection ends without an answer or an error warns, exits 0 and still deletes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unfinished-'));
    const main = await step(dir, {}, { node });
    expect(main.code).toBe(0);
    // An upgrade answer: Node drops the connection and the request neither answers nor fails.
    fake.fault('revoke', { raw: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n' });
    const post = await step(dir, {}, { node, state: main.state });
    expect(errors(post)).toEqual([]);
    expect(post.code).toBe(0);
    expect(warnings(post)).toEqual([`${UNFINISHED} (the job is not failed for this)`]);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });
});
