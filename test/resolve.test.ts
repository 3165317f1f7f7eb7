import { describe, expect, it } from 'vitest';
import { applyNameRules, nameProblem, resolveSecrets, ResolveError } from '../src/resolve.js';
import type { SecretList } from '../src/secrets.js';

const s = (secretKey: string, secretValue: string, secretPath = '/', type = 'shared') => ({ secretKey, secretValue, secretPath, type });

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

  it('refuses one key in two folders, naming the key and both paths', () => {
    const list: SecretList = { secrets: [s('K', '1', '/a'), s('K', '2', '/b')], imports: [] };
    expect(() => resolveSecrets(list, '/')).toThrow(ResolveError);
    expect(() => resolveSecrets(list, '/')).toThrow('Secret K exists in both /a and /b');
  });

  it('prefers a personal override within one folder', () => {
    const list: SecretList = { secrets: [s('K', 'shared'), s('K', 'mine', '/', 'personal')], imports: [] };
    expect(resolveSecrets(list, '/').map((r) => r.value)).toEqual(['mine']);
  });

  it('uses the requested path when Infisical omits secretPath', () => {
    const list: SecretList = { secrets: [{ secretKey: 'X', secretValue: 'v' }], imports: [] };
    expect(resolveSecrets(list, '/app')[0]?.source.path).toBe('/app');
  });
});

describe('name rules', () => {
  it.each([
    ['', 'the name is empty'],
    ['A=B', 'the name contains "="'],
    ['A<<B', 'the name contains "<<"'],
    ['A\nB', 'the name contains a NUL, CR or LF character'],
    ['A\rB', 'the name contains a NUL, CR or LF character'],
    ['A\0B', 'the name contains a NUL, CR or LF character'],
    ['NODE_OPTIONS', 'the runner refuses to set NODE_OPTIONS'],
    ['Node_Options', 'the runner refuses to set NODE_OPTIONS'],
  ])('refuses %j', (name, reason) => {
    expect(nameProblem(name)).toBe(reason);
  });

  it.each(['FOO', 'my-key', 'a.b', 'lower_case', '日本'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it('splits secrets into exported and skipped', () => {
    const secret = (key: string) => ({ key, value: 'v', source: { path: '/' } });
    const { exported, skipped } = applyNameRules([secret('OK'), secret('NO=PE')]);
    expect(exported.map((e) => e.key)).toEqual(['OK']);
    expect(skipped).toEqual([{ name: 'NO=PE', reason: 'the name contains "="' }]);
  });
});
