// End to end: the post step's cleanup. It never fails the job: a revoke that never ends is a
// warning, and the .env file still goes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNFINISHED } from '../src/finish.js';
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
