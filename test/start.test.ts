// `npm start` end to end: the demo against the embedded dev server, and against a given instance.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../dev-server/seed.js';
import { startFake } from './fake-infisical.js';
import { MACHINE_NODE, ROOT } from './run-action.js';

let fake: Awaited<ReturnType<typeof startFake>>;
beforeAll(async () => {
  fake = await startFake({ clientId: 'real-id', clientSecret: 'real-secret-x9', projects: SEED });
});
afterAll(() => fake.close());

/** Runs the start script; asynchronously, since the fake server answers from this process. */
function start(env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const options = { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 };
  return new Promise((resolve) => {
    execFile(MACHINE_NODE, ['scripts/start.mjs'], options, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

/** Every value of the demo seed: none may appear in the demo's output. */
const VALUES: string[] = Object.values(SEED['demo-project'].environments).flatMap((env) =>
  Object.values(env.secrets as Record<string, Record<string, string>>).flatMap((folder) => Object.values(folder)),
);

describe('npm start', () => {
  it('runs the demo end to end: masked log, exported names, outputs, summary, post step', async () => {
    const { code, out } = await start();
    expect(code).toBe(0);
    expect(out).toContain('Exported 5 secrets from dev:/ as environment variables and step outputs');
    for (const name of ['FOO', 'DATABASE_URL', 'TLS_KEY', 'API_TOKEN', 'SENTRY_DSN'])
      expect(out).toContain(`${name}=***`);
    expect(out).toContain('<tr><td>API_TOKEN</td><td>/api</td><td>env, output</td></tr>');
    expect(out).toContain('Revoked the Infisical access token');
    for (const value of VALUES) {
      for (const line of value.split('\n')) if (line.length > 3) expect(out).not.toContain(line);
    }
  });

  it('runs against the instance INFISICAL_* names, and exits non-zero when the action fails', async () => {
    const env = {
      INFISICAL_DOMAIN: fake.url,
      INFISICAL_CLIENT_ID: 'real-id',
      INFISICAL_CLIENT_SECRET: 'real-secret-x9',
      INFISICAL_WORKSPACE_ID: 'demo-project',
      INFISICAL_ENVIRONMENT: 'shared',
    };
    const ok = await start(env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`Running the action against ${fake.url}`);
    expect(ok.out).toContain('SENTRY_DSN=***');
    const failed = await start({ ...env, INFISICAL_CLIENT_SECRET: 'wrong-secret-1' });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('Error: Universal Auth login failed: HTTP 401 Unauthorized: Invalid credentials');
    expect(failed.out).not.toContain('wrong-secret-1');
  });

  it('says which INFISICAL_* variables are missing', async () => {
    const { code, out } = await start({ INFISICAL_DOMAIN: fake.url });
    expect(code).not.toBe(0);
    expect(out).toContain('INFISICAL_DOMAIN is set: also set INFISICAL_CLIENT_ID, INFISICAL_CLIENT_SECRET');
  });
});
