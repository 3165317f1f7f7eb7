// A workflow written for Infisical/secrets-action works with only `uses:` changed: its input names
// (project-slug, env-slug, file-output-path) and its values, as its README shows them.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { errors, runStep, type Fake } from './harness.js';

let fake: Fake;
beforeAll(async () => {
  fake = await startFake({
    projects: {
      'proj-id-1': {
        slug: 'cli-integration-tests-9-edj',
        environments: { dev: { secrets: { '/': { FOO: 'BAR' }, '/my-secret-path': { DB_URL: 'postgres://x' } } } },
      },
    },
  });
});
afterAll(() => fake.close());

/** The `with:` of secrets-action's examples, with every input it declares at its declared default. */
function secretsActionInputs(extra: Record<string, string>): Record<string, string> {
  return {
    method: 'universal',
    'client-id': 'demo-client-id',
    'client-secret': 'demo-client-secret',
    domain: fake.url,
    'env-slug': 'dev',
    'project-slug': 'cli-integration-tests-9-edj',
    'export-type': 'env',
    'secret-path': '/',
    'include-imports': 'true',
    recursive: 'false',
    'extra-headers': '',
    ...extra,
  };
}

describe('a workflow written for Infisical/secrets-action', () => {
  it('exports to the environment, listing by workspaceSlug', async () => {
    const result = await runStep({ inputs: secretsActionInputs({}) });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: 'BAR' });
    expect(fake.requests.at(-1)?.query).toMatchObject({
      workspaceSlug: 'cli-integration-tests-9-edj',
      environment: 'dev',
    });
    expect(fake.requests.at(-1)?.query['workspaceId']).toBeUndefined();
  });

  it('writes export-type file to file-output-path under the workspace, /src/.env included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drop-in-'));
    mkdirSync(join(dir, 'src'));
    const inputs = secretsActionInputs({ 'export-type': 'file', 'file-output-path': '/src/.env' });
    const result = await runStep({ dir, inputs });
    expect(errors(result)).toEqual([]);
    expect(readFileSync(join(dir, 'src', '.env'), 'utf8')).toMatch(/^FOO=/m);
  });

  it("writes to the workspace's .env without file-output-path, as that action's default /.env", async () => {
    const inputs = secretsActionInputs({ 'export-type': 'file', 'secret-path': '/my-secret-path' });
    const result = await runStep({ inputs });
    expect(errors(result)).toEqual([]);
    expect(readFileSync(join(result.dir, '.env'), 'utf8')).toMatch(/^DB_URL=/m);
  });

  it('reads secret-path without a leading slash from the root, as Infisical itself does', async () => {
    const result = await runStep({ inputs: secretsActionInputs({ 'secret-path': 'my-secret-path/' }) });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ DB_URL: 'postgres://x' });
    expect(fake.requests.at(-1)?.query['secretPath']).toBe('/my-secret-path');
  });

  it('fails naming the slug when the project slug is unknown', async () => {
    const result = await runStep({ inputs: secretsActionInputs({ 'project-slug': 'nope' }) });
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Listing secrets failed: HTTP 404 Not Found: Project with slug 'nope' not found .*Check project-slug, environment and secret-path$/,
      ),
    ]);
  });
});
