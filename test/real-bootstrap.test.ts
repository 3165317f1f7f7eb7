// Opt-in, against a FRESH real Infisical (no admin yet) on loopback, as the e2e workflow's real-infisical job:
//   INFISICAL_BOOTSTRAP_URL=http://127.0.0.1:18081 npx vitest run test/real-bootstrap.test.ts
// test/real-infisical/bootstrap.mjs sets the instance up; then the built action (dist/, main and post, under each
// Node of NODES) exports what it created, byte for byte, and its post step revokes the token. Skipped without the
// variable. A second run needs a fresh instance again (docs/real-infisical.md).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { errors, NODES, ROOT, runStep } from './harness.js';
import { findLeaks } from './leaks.js';
import { EXPECTED } from './real-infisical/data.mjs';

const url = process.env['INFISICAL_BOOTSTRAP_URL'];

/** The bootstrap script's step outputs (GITHUB_OUTPUT holds `name=value` lines) and its stdout. */
async function bootstrap(base: string): Promise<{ outputs: Record<string, string>; stdout: string }> {
  const outputFile = join(mkdtempSync(join(tmpdir(), 'bootstrap-')), 'output');
  const script = join(ROOT, 'test', 'real-infisical', 'bootstrap.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, base], {
    env: { PATH: process.env['PATH'], GITHUB_OUTPUT: outputFile },
    timeout: 240_000,
  });
  const lines = readFileSync(outputFile, 'utf8').split('\n').filter(Boolean);
  const pairs = lines.map((line): [string, string] => [
    line.slice(0, line.indexOf('=')),
    line.slice(line.indexOf('=') + 1),
  ]);
  return { outputs: Object.fromEntries(pairs), stdout };
}

/** The e2e workflow's check-revoked helper in post mode, given `token` in its token file: its exit code. */
async function checkRevoked(base: string, token: string, projectId: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'check-revoked-'));
  writeFileSync(join(dir, 'token'), token);
  const script = join(ROOT, 'test', 'real-infisical', 'check-revoked', 'check-revoked.mjs');
  const env = { PATH: process.env['PATH'], STATE_armed: 'true', 'INPUT_TOKEN-FILE': join(dir, 'token') };
  const inputs = { INPUT_DOMAIN: base, 'INPUT_PROJECT-ID': projectId };
  return new Promise((done) => execFile(process.execPath, [script], { env: { ...env, ...inputs } }).on('close', done));
}

/** Status of a secrets list call made with `token`. */
async function listStatus(base: string, token: string, projectId: string): Promise<number> {
  const query = new URLSearchParams({ workspaceId: projectId, environment: 'dev' });
  const res = await fetch(`${base}/api/v3/secrets/raw?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

describe.skipIf(!url)('bootstrap.mjs and the action against a fresh real Infisical', () => {
  const base = (url ?? '').replace(/\/+$/, '');
  let created: Record<string, string> = {};
  let bootStdout = '';

  beforeAll(async () => {
    expect(['127.0.0.1', 'localhost', '[::1]']).toContain(new URL(base).hostname);
    ({ outputs: created, stdout: bootStdout } = await bootstrap(base));
  }, 300_000);

  it('prints the credentials as step outputs, masked before anything else', () => {
    expect(Object.keys(created).sort()).toEqual(['client-id', 'client-secret', 'identity-id', 'project-id']);
    const lines = bootStdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `::add-mask::${created['client-id']}`,
      `::add-mask::${created['client-secret']}`,
    ]);
    expect(lines.slice(2).join('\n')).not.toContain(created['client-secret']);
  });

  it.each(NODES)(
    'the action exports every value byte for byte and its post step revokes the token (%s)',
    async (_, node) => {
      const inputs = {
        domain: base,
        'client-id': created['client-id'] ?? '',
        'client-secret': created['client-secret'] ?? '',
        'workspace-id': created['project-id'] ?? '',
        environment: 'dev',
        recursive: 'true',
        'export-type': 'both',
        'output-token': 'true',
      };
      // Main and post as runMainAndPost runs them, with a look at the token in between.
      const main = await runStep({ inputs, node });
      expect(errors(main)).toEqual([]);
      expect(main.code).toBe(0);
      expect(main.env).toEqual(EXPECTED);
      const { 'access-token': token = '', ...outputs } = main.outputs;
      expect(outputs).toEqual(EXPECTED);
      const secrets = [...Object.values(EXPECTED), created['client-secret'] ?? '', token];
      expect(findLeaks(main.stdout, main.stderr, secrets)).toEqual([]);
      expect(await listStatus(base, token, created['project-id'] ?? '')).toBe(200);
      expect(await checkRevoked(base, token, created['project-id'] ?? '')).toBe(1);

      const post = await runStep({ inputs, node, state: main.state });
      expect(errors(post)).toEqual([]);
      expect(post.code).toBe(0);
      expect(findLeaks(post.stdout, post.stderr, secrets)).toEqual([]);
      expect(await listStatus(base, token, created['project-id'] ?? '')).toBe(401);
      expect(await checkRevoked(base, token, created['project-id'] ?? '')).toBe(0);
    },
  );
});
