// End to end: secrets imported into a folder, as Infisical lists them. The folder's own secrets win,
// a later import wins, and within one import the imported folder's own secret beats its nested
// imports. With recursive, Infisical lists every folder's imports together, by position only: the
// same precedence applies, with a warning naming each key the imports disagreed on (never a value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake } from './fake-infisical.js';
import { demoInputs, errors, runStep, startDemoFake, warnings, type Fake } from './harness.js';
import { P1, READER, realOptions } from './real-answers/fixture.js';

let fake: Fake;

beforeAll(async () => {
  fake = await startDemoFake({
    dev: {
      secrets: { '/': { SHARED: 'own-value', OWN: 'own' } },
      imports: {
        '/': [
          { environment: 'staging', path: '/' },
          { environment: 'prod', path: '/' },
        ],
      },
    },
    staging: { secrets: { '/': { SHARED: 'staging-value', IMPORTED: 'from-staging', BOTH: 'staging-both' } } },
    prod: { secrets: { '/': { BOTH: 'prod-both' } } },
    // layered imports mid, which imports deep: mid's own K beats deep's.
    layered: { secrets: { '/': { OWN: 'own' } }, imports: { '/': [{ environment: 'mid', path: '/' }] } },
    mid: { secrets: { '/': { K: 'mid-value' } }, imports: { '/': [{ environment: 'deep', path: '/' }] } },
    deep: { secrets: { '/': { K: 'deep-value', DEEP_ONLY: 'deep' } } },
    // Two sub-folders import two environments that give K different values.
    tree: {
      secrets: { '/': { ROOT: 'root' }, '/a': { A: 'a' }, '/b': { B: 'b' } },
      imports: { '/a': [{ environment: 'ia', path: '/' }], '/b': [{ environment: 'ib', path: '/' }] },
    },
    ia: { secrets: { '/': { K: 'from-a', SAME: 'same' } } },
    // The root imports K and overrides KEEP; the sub-folder has its own K.
    subown: {
      secrets: { '/': { KEEP: 'root-own' }, '/sub': { K: 'from-sub-own' } },
      imports: { '/': [{ environment: 'ic', path: '/' }] },
    },
    ic: { secrets: { '/': { K: 'from-root-import', KEEP: 'imported' } } },
    ib: { secrets: { '/': { K: 'from-b', SAME: 'same' } } },
  });
});
afterAll(() => fake.close());

const step = (inputs: Record<string, string>) => runStep({ inputs: demoInputs(fake.url, inputs) });

describe('imports', () => {
  it('own secrets win, the later import wins', async () => {
    const result = await step({});
    expect(result.env).toEqual({ SHARED: 'own-value', OWN: 'own', IMPORTED: 'from-staging', BOTH: 'prod-both' });
  });

  it("an imported folder's own secret wins over its nested imports, references expanded or not", async () => {
    for (const expand of ['true', 'false']) {
      const result = await step({ environment: 'layered', 'expand-references': expand });
      expect(result.env).toEqual({ OWN: 'own', K: 'mid-value', DEEP_ONLY: 'deep' });
    }
  });

  it('with recursive, the later import wins a key the imports disagree on, with a warning naming it', async () => {
    const all = await step({ environment: 'tree', recursive: 'true' });
    expect(errors(all)).toEqual([]);
    expect(all.env).toEqual({ ROOT: 'root', A: 'a', B: 'b', K: 'from-b', SAME: 'same' });
    const warning =
      'With recursive, imports gave different values for K (ib:/ won over ia:/). ' +
      "A folder's own secret, then the " +
      "later import in Infisical's list wins, as within one folder, but that list does not say which folder " +
      'imports which (an own secret winning is expected when its folder imports the key itself): read one folder with secret-path to choose';
    expect(warnings(all)).toEqual([warning]);
    const listed = await step({ environment: 'tree', recursive: 'true', secrets: 'SAME\nK | KEY' });
    expect(listed.env).toEqual({ SAME: 'same', KEY: 'from-b' });
    expect(warnings(listed)).toEqual([warning]);
    // Not exported, not named.
    const other = await step({ environment: 'tree', recursive: 'true', secrets: 'SAME\nROOT\nA' });
    expect(other.env).toEqual({ SAME: 'same', ROOT: 'root', A: 'a' });
    expect(warnings(other)).toEqual([]);
    const one = await step({ environment: 'tree', 'secret-path': '/a' });
    expect(one.env).toEqual({ A: 'a', K: 'from-a', SAME: 'same' });
    expect(warnings(one)).toEqual([]);
  });

  it("with recursive, a sub-folder's own secret beating an import is named; the read folder's own is not", async () => {
    const plain = await step({ environment: 'subown' });
    expect(plain.env).toEqual({ K: 'from-root-import', KEEP: 'root-own' });
    expect(warnings(plain)).toEqual([]);
    const all = await step({ environment: 'subown', recursive: 'true' });
    expect(errors(all)).toEqual([]);
    expect(all.env).toEqual({ K: 'from-sub-own', KEEP: 'root-own' });
    expect(warnings(all)).toEqual([
      'With recursive, imports gave different values for K (own secret in /sub won over ic:/). ' +
        "A folder's own secret, then the later import in Infisical's list wins, as within one folder, but that " +
        'list does not say which folder imports which (an own secret winning is expected when its folder imports the key itself): read one folder with secret-path to choose',
    ]);
  });

  it("with recursive over the real server's import tree (dev:/ imports prod:/ then staging:/), staging's COMMON wins", async () => {
    const real = await startFake(realOptions);
    const inputs = { 'client-id': READER.clientId, 'client-secret': READER.clientSecret, 'workspace-id': P1 };
    const result = await runStep({ inputs: { ...inputs, environment: 'dev', domain: real.url, recursive: 'true' } });
    await real.close();
    expect(errors(result)).toEqual([]);
    expect(result.env).toMatchObject({
      COMMON: 'common-from-staging',
      SHARED: 'from-dev-own',
      SUB_KEY: 'staging-sub-value',
      DEEP_KEY: 'deep-value',
      REF_MISSING: 'x--y',
    });
    expect(warnings(result)).toEqual([
      'With recursive, imports gave different values for COMMON (staging:/ won over prod:/). ' +
        "A folder's own secret, then " +
        "the later import in Infisical's list wins, as within one folder, but that list does not say which " +
        'folder imports which (an own secret winning is expected when its folder imports the key itself): read one folder with secret-path to choose',
    ]);
  });
});
