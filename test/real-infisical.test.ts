// Opt-in: the built dist/ against a real Infisical seeded as the team's real-infisical recipe seeds
// it (two projects, folders, imports; see test/real-answers/fixture.ts for the same data). Skipped
// unless these are set, so that CI stays self-contained:
//   INFISICAL_TEST_URL            the server, e.g. http://127.0.0.1:18080 (the recipe's BASE)
//   INFISICAL_TEST_CLIENT_ID      the reader identity's Universal Auth client id (CLIENT_ID)
//   INFISICAL_TEST_CLIENT_SECRET  its client secret (CLIENT_SECRET)
//   INFISICAL_TEST_PROJECT_ID     project action-real (P1)
// With the recipe's state.env:
//   set -a; . /tmp/realinf/state.env; set +a
//   INFISICAL_TEST_URL=$BASE INFISICAL_TEST_CLIENT_ID=$CLIENT_ID INFISICAL_TEST_CLIENT_SECRET=$CLIENT_SECRET \
//     INFISICAL_TEST_PROJECT_ID=$P1 npx vitest run test/real-infisical.test.ts
// Each step logs in once with the right secret (never a failed login: Infisical locks an identity
// after three) and the post step revokes its token.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { NODES, errors, runMainAndPost, runStep, warnings } from './harness.js';
import { DEV_ROOT } from './real-answers/fixture.js';

const {
  INFISICAL_TEST_URL: url,
  INFISICAL_TEST_CLIENT_ID: clientId,
  INFISICAL_TEST_CLIENT_SECRET: clientSecret,
  INFISICAL_TEST_PROJECT_ID: projectId,
} = process.env;
const configured = Boolean(url && clientId && clientSecret && projectId);

const inputs = (more: Record<string, string>) => ({
  domain: url ?? '',
  'client-id': clientId ?? '',
  'client-secret': clientSecret ?? '',
  'workspace-id': projectId ?? '',
  environment: 'dev',
  ...more,
});

/** dev:/ as the server gives it with references expanded: a missing reference becomes empty. */
const DEV_EXPANDED = {
  ...DEV_ROOT,
  REF: 'pre-BAR-post',
  REF_PROD: 'prod-only-value',
  REF_NESTED: 'nested-value',
  REF_MISSING: 'x--y',
};
/** dev:/'s imports (prod:/ then staging:/): the later import wins COMMON, dev's own SHARED wins. */
const DEV_IMPORTED = {
  PROD_ONLY: 'prod-only-value',
  PROD_REF: 'prod-only-value-ref',
  STAGING_ONLY: 'staging-only-value',
  COMMON: 'common-from-staging',
};
const DISPUTE =
  'With recursive, imports gave different values for COMMON (staging:/ won over prod:/). ' +
  "A folder's own secret, then the " +
  "later import in Infisical's list wins, as within one folder, but that list does not say which folder " +
  'imports which (an own secret winning is expected when its folder imports the key itself): read one folder with secret-path to choose';

describe.skipIf(!configured).each(NODES)('against a real Infisical (INFISICAL_TEST_URL) under %s', (_label, node) => {
  it('exports a folder with its imports, references expanded', async () => {
    const result = await runStep({ node, inputs: inputs({}) });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ ...DEV_EXPANDED, ...DEV_IMPORTED });
    expect(warnings(result).filter((w) => !w.includes('plain HTTP'))).toEqual([]);
  });

  it('passes references unexpanded when asked, but imported secrets arrive expanded', async () => {
    const result = await runStep({ node, inputs: inputs({ 'expand-references': 'false' }) });
    expect(result.env).toEqual({ ...DEV_ROOT, ...DEV_IMPORTED });
  });

  it('recursive: every folder, the later import winning COMMON with a warning naming it', async () => {
    const result = await runStep({ node, inputs: inputs({ recursive: 'true' }) });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({
      ...DEV_EXPANDED,
      ...DEV_IMPORTED,
      NESTED_KEY: 'nested-value',
      NESTED_REF: '-in-nested',
      DEEP_KEY: 'deep-value',
      SUB_KEY: 'staging-sub-value',
    });
    expect(warnings(result)).toContain(DISPUTE);
  });

  it('a folder importing a folder that imports another (its references expanded where they are listed)', async () => {
    const result = await runStep({ node, inputs: inputs({ 'secret-path': '/nested' }) });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({
      NESTED_KEY: 'nested-value',
      NESTED_REF: '-in-nested',
      SUB_KEY: 'staging-sub-value',
      COMMON: 'common-from-prod',
      PROD_ONLY: 'prod-only-value',
      PROD_REF: '-ref',
      SHARED: 'from-prod',
    });
  });

  it('file export: every value byte-exact (QUOTES unquoted), compose misreads named; post deletes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'real-'));
    const options = {
      node,
      inputs: inputs({ 'export-type': 'file', 'file-path': 'secrets.env' }),
      env: { GITHUB_WORKSPACE: dir },
    };
    const main = await runStep(options);
    expect(errors(main)).toEqual([]);
    const exported: Record<string, string> = { ...DEV_EXPANDED, ...DEV_IMPORTED };
    expect(dotenv.parse(readFileSync(join(dir, 'secrets.env'), 'utf8'))).toEqual(exported);
    expect(warnings(main).filter((w) => w.startsWith('Secret '))).toEqual([]);
    expect(warnings(main).find((w) => w.startsWith('docker compose reads'))).toContain('QUOTES');
    const post = await runStep({ ...options, state: main.state });
    expect(post.code).toBe(0);
    expect(existsSync(join(dir, 'secrets.env'))).toBe(false);
  });

  it('the post step revokes the token: Infisical refuses it afterwards', async () => {
    const { main, post } = await runMainAndPost({ node, inputs: inputs({ 'output-token': 'true' }) });
    const token = main.outputs['access-token'] ?? '';
    expect(token).not.toBe('');
    const list = () =>
      fetch(`${url}/api/v3/secrets/raw?workspaceId=${projectId}&environment=dev`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect(post.code).toBe(0);
    const after = await list();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { message: string }).message).toBe('Failed to authorize: token has been revoked');
  });
});
