// End to end: secrets imported into a folder, as Infisical lists them. The folder's own secrets win,
// a later import wins, and within one import the imported folder's own secret beats its nested
// imports. With recursive, Infisical lists every folder's imports together without saying which
// folder imports which: two imports giving one key different values fail instead of a silent pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInputs, errors, runStep, startDemoFake, type Fake } from './harness.js';

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

  it('with recursive, two imports giving one key different values fail; equal values and one folder are fine', async () => {
    const all = await step({ environment: 'tree', recursive: 'true' });
    expect(errors(all)).toEqual([
      'Two secrets would be exported as K: K from imported from ia:/ and K from imported from ib:/. ' +
        'With recursive, Infisical does not say which folder imports which: read one folder with secret-path, ' +
        'or set include-imports false',
    ]);
    expect(all.envText).toBe('');
    const listed = await step({ environment: 'tree', recursive: 'true', secrets: 'SAME\nK' });
    expect(errors(listed)).toEqual([
      'secrets line 2: K exists in imported from ia:/ and imported from ib:/. With recursive, Infisical does not ' +
        'say which folder imports which: read one folder with secret-path, or set include-imports false',
    ]);
    const same = await step({ environment: 'tree', recursive: 'true', secrets: 'SAME\nROOT\nA' });
    expect(same.env).toEqual({ SAME: 'same', ROOT: 'root', A: 'a' });
    const one = await step({ environment: 'tree', 'secret-path': '/a' });
    expect(one.env).toEqual({ A: 'a', K: 'from-a', SAME: 'same' });
  });
});
