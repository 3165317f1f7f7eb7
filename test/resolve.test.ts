import { describe, expect, it } from 'vitest';
import { resolveSecrets } from '../src/resolve.js';
import { selectSecrets } from '../src/selection.js';
import type { SecretList } from '../src/infisical/secrets.js';

const s = (secretKey: string, secretValue: string, secretPath = '/', type = 'shared') => ({
  secretKey,
  secretValue,
  secretPath,
  type,
});

describe('resolveSecrets', () => {
  it('lets own secrets win over imports and the later import win over the earlier', () => {
    const list: SecretList = {
      secrets: [s('A', 'own')],
      imports: [
        { environment: 'staging', secretPath: '/', secrets: [s('A', 'staging'), s('B', 'staging'), s('C', 'staging')] },
        { environment: 'prod', secretPath: '/shared', secrets: [s('B', 'prod', '/shared')] },
      ],
    };
    const resolved = resolveSecrets(list, '/');
    expect(Object.fromEntries(resolved.map((r) => [r.key, r.value]))).toEqual({ A: 'own', B: 'prod', C: 'staging' });
    expect(resolved.find((r) => r.key === 'B')?.source).toEqual({ path: '/shared', importedFrom: 'prod' });
    expect(resolved.find((r) => r.key === 'A')?.source).toEqual({ path: '/' });
  });

  it('keeps one key of two folders twice, for selection to choose', () => {
    const list: SecretList = { secrets: [s('K', '1', '/a'), s('K', '2', '/b')], imports: [] };
    expect(resolveSecrets(list, '/').map((r) => [r.source.path, r.value])).toEqual([
      ['/a', '1'],
      ['/b', '2'],
    ]);
  });

  it('lets an own secret of any folder win over an import of the same key', () => {
    const list: SecretList = {
      secrets: [s('K', 'own', '/sub')],
      imports: [{ environment: 'e', secretPath: '/', secrets: [s('K', 'imp')] }],
    };
    expect(resolveSecrets(list, '/').map((r) => r.value)).toEqual(['own']);
  });

  it('prefers a personal override within one folder', () => {
    const list: SecretList = { secrets: [s('K', 'shared'), s('K', 'mine', '/', 'personal')], imports: [] };
    expect(resolveSecrets(list, '/').map((r) => r.value)).toEqual(['mine']);
  });

  it('puts a personal override in the place of the shared secret; the last override wins', () => {
    const list: SecretList = {
      secrets: [
        s('A', '1'),
        s('K', 'shared'),
        s('B', '2'),
        s('K', 'mine', '/', 'personal'),
        s('K', 'last', '/', 'personal'),
      ],
      imports: [],
    };
    expect(resolveSecrets(list, '/').map((r) => [r.key, r.value])).toEqual([
      ['A', '1'],
      ['K', 'last'],
      ['B', '2'],
    ]);
  });

  it('keeps two shared secrets of one key and folder, for selection to refuse (never a silent pick)', () => {
    const list: SecretList = { secrets: [s('K', '1'), s('K', '2')], imports: [] };
    const resolved = resolveSecrets(list, '/');
    expect(resolved.map((r) => r.value)).toEqual(['1', '2']);
    expect(() => selectSecrets(resolved, [], '')).toThrow(
      /^Two secrets would be exported as K: K from \/ and K from \//,
    );
  });

  it("within one import lets the imported folder's own secret win over its nested imports, appended after it", () => {
    const list: SecretList = {
      secrets: [],
      imports: [
        { environment: 'base', secretPath: '/', secrets: [s('K', 'base'), s('L', 'base')] },
        { environment: 'app', secretPath: '/', secrets: [s('K', 'direct'), s('K', 'nested'), s('M', 'nested')] },
      ],
    };
    const values = Object.fromEntries(resolveSecrets(list, '/').map((r) => [r.key, r.value]));
    expect(values).toEqual({ K: 'direct', L: 'base', M: 'nested' });
  });

  it('with recursive lets the later import win too, recording the earlier imports that gave another value', () => {
    const imports = [
      { environment: 'ia', secretPath: '/', secrets: [s('K', 'from-a'), s('SAME', 'same')] },
      { environment: 'ib', secretPath: '/', secrets: [s('K', 'from-b'), s('SAME', 'same')] },
      { environment: 'ic', secretPath: '/', secrets: [s('K', 'from-a')] },
    ];
    const resolved = (list: SecretList, recursive: boolean) =>
      resolveSecrets(list, '/', recursive).map((r) => [r.key, r.value, r.overruled?.map((o) => o.importedFrom)]);
    // ic wins; ib gave another value; ia gave the winning value and is not named.
    expect(resolved({ secrets: [], imports }, true)).toEqual([
      ['SAME', 'same', undefined],
      ['K', 'from-a', ['ib']],
    ]);
    expect(resolved({ secrets: [], imports: imports.slice(0, 2) }, true)).toEqual([
      ['K', 'from-b', ['ia']],
      ['SAME', 'same', undefined],
    ]);
    // Without recursive the list is one folder's, in the order its owner chose: nothing recorded.
    expect(resolved({ secrets: [], imports }, false)).toEqual([
      ['SAME', 'same', undefined],
      ['K', 'from-a', undefined],
    ]);
    // An own secret of any folder wins over every import: one of the folder read, as without
    // recursive; one of a sub-folder records the imports it beat (which folder owns them is unknown).
    expect(resolved({ secrets: [s('K', 'own', '/')], imports }, true)).toEqual([
      ['SAME', 'same', undefined],
      ['K', 'own', undefined],
    ]);
    expect(resolved({ secrets: [s('K', 'own', '/a')], imports }, true)).toEqual([
      ['SAME', 'same', undefined],
      ['K', 'own', ['ic', 'ia', 'ib']],
    ]);
    // Whatever the order: each sub-folder's own K is held against the imports (selection then
    // refuses two own secrets for one name, or exports the one the secrets input picks).
    const two = { secrets: [s('K', 'own-a', '/a'), s('K', 'own-b', '/b')], imports: imports.slice(0, 1) };
    expect(resolved(two, true)).toEqual([
      ['SAME', 'same', undefined],
      ['K', 'own-a', ['ia']],
      ['K', 'own-b', ['ia']],
    ]);
  });

  it('places the winning import where the later import lists it', () => {
    const list: SecretList = {
      secrets: [],
      imports: [
        { environment: 'a', secretPath: '/', secrets: [s('A', 'first'), s('B', 'first')] },
        { environment: 'b', secretPath: '/', secrets: [s('A', 'second')] },
      ],
    };
    expect(resolveSecrets(list, '/').map((r) => [r.key, r.value])).toEqual([
      ['B', 'first'],
      ['A', 'second'],
    ]);
  });

  it('lets a personal override replace the shared secret of its own folder only', () => {
    const list: SecretList = {
      secrets: [s('A', 'shared-x', '/x'), s('A', 'shared-y', '/y'), s('A', 'mine-x', '/x', 'personal')],
      imports: [],
    };
    expect(resolveSecrets(list, '/', true).map((r) => [r.source.path, r.value])).toEqual([
      ['/x', 'mine-x'],
      ['/y', 'shared-y'],
    ]);
  });

  it('marks a value Infisical withheld, which still wins over an import of the same key', () => {
    const withheld = { ...s('K', '<hidden-by-infisical>'), secretValueHidden: true };
    const list: SecretList = {
      secrets: [withheld, s('OK', 'v')],
      imports: [{ environment: 'e', secretPath: '/', secrets: [s('K', 'imported')] }],
    };
    expect(resolveSecrets(list, '/').map((r) => [r.key, r.hidden])).toEqual([
      ['K', true],
      ['OK', false],
    ]);
  });

  it('marks a value Infisical withheld in an import, so that its placeholder is never exported', () => {
    const withheld = { ...s('K', '<hidden-by-infisical>'), secretValueHidden: true };
    const list: SecretList = {
      secrets: [],
      imports: [{ environment: 'e', secretPath: '/', secrets: [withheld, s('OK', 'v')] }],
    };
    expect(resolveSecrets(list, '/').map((r) => [r.key, r.hidden])).toEqual([
      ['K', true],
      ['OK', false],
    ]);
  });

  it('uses the requested path when Infisical omits secretPath', () => {
    const list: SecretList = { secrets: [{ secretKey: 'X', secretValue: 'v' }], imports: [] };
    expect(resolveSecrets(list, '/app')[0]?.source.path).toBe('/app');
  });
});
