// The e2e workflow's file-export checks (.github/workflows/e2e.yml, job dev-server), replayed here: a .env
// file already at the path, `uses: ./` with export-type file, test/workflow/check-dev-env-file.mjs, then
// the action's post step and test/workflow/check-deleted's post step, in the runner's order.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { DEMO, SEED } from '../dev-server/seed.js';
import { ROOT, runStep, type Fake } from './harness.js';

const CHECK_FILE = join(ROOT, 'test', 'workflow', 'check-dev-env-file.mjs');
const CHECK_DELETED = join(ROOT, 'test', 'workflow', 'check-deleted', 'check-deleted.mjs');

/** Runs a helper script as a step would; its exit code and stdout. */
function node(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], ...env },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    child.on('close', (code) => done({ code: code ?? -1, stdout }));
  });
}

let fake: Fake;
beforeAll(async () => {
  fake = await startFake({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, projects: SEED });
});
afterAll(() => fake.close());

describe("the e2e workflow's file-export checks", () => {
  it('pass on what the action writes over an existing file and deletes in its post step, and fail otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    const path = join(dir, 'e2e-secrets.env');
    writeFileSync(path, 'OLD=1\n');
    const armDir = mkdtempSync(join(tmpdir(), 'arm-'));
    const arm = await node(CHECK_DELETED, [], { INPUT_PATH: path, GITHUB_STATE: join(armDir, 'state') });
    expect(arm.code).toBe(0);
    const inputs = {
      domain: fake.url,
      'client-id': DEMO.clientId,
      'client-secret': DEMO.clientSecret,
      'workspace-id': DEMO.workspaceId,
      environment: DEMO.environment,
      recursive: 'true',
      'export-type': 'file',
      'file-path': 'e2e-secrets.env',
    };
    const main = await runStep({ inputs, env: { GITHUB_WORKSPACE: dir } });
    expect(main.code).toBe(0);
    expect(await node(CHECK_FILE, [path], {})).toMatchObject({ code: 0 });

    // The check fails on one changed value and on an extra name, naming them, never a value.
    writeFileSync(`${path}.changed`, 'FOO=BAZ\nEXTRA=1\n');
    const changed = await node(CHECK_FILE, [`${path}.changed`], {});
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`::error::FOO in ${path}.changed is not the expected value`);
    expect(changed.stdout).toContain(`::error::EXTRA in ${path}.changed is not the expected value`);
    expect(changed.stdout).not.toContain('BAZ');

    // Before the action's post step the file is there: the deletion check fails.
    const armed = { INPUT_PATH: path, STATE_armed: 'true' };
    expect((await node(CHECK_DELETED, [], armed)).code).toBe(1);
    const post = await runStep({ inputs, env: { GITHUB_WORKSPACE: dir }, state: main.state });
    expect(post.code).toBe(0);
    expect(await node(CHECK_DELETED, [], armed)).toMatchObject({ code: 0 });
  });
});
