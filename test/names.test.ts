import { describe, expect, it } from 'vitest';
import { codeLoadingReason } from '../src/code-loading.js';
import { applyNameRules, isProtected, nameProblem, WITHHELD } from '../src/names.js';
import type { Chosen } from '../src/selection.js';

const chosen = (name: string, line?: number): Chosen => ({
  named: line !== undefined,
  name,
  value: 'v',
  secret: { key: name, value: 'v', source: { path: '/' }, hidden: false },
  line,
});
const env = { env: true, file: false };

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
    // U+017F (long s) upper-cases to S: the name is still NODE_OPTIONS to a case-insensitive runner.
    ['node_option\u017f', 'the runner refuses to set NODE_OPTIONS'],
    ['A=NODE_OPTIONS_LONGER', 'the name contains "="'],
    ['\uFEFFKEY', 'the name starts with U+FEFF (a byte-order mark), which the runner drops'],
    // Written to a command file, a lone surrogate becomes U+FFFD: another name, maybe another secret's.
    ['KEY\ud800', 'the name is not valid Unicode text (a lone surrogate)'],
    ['\udc00KEY', 'the name is not valid Unicode text (a lone surrogate)'],
  ])('refuses %j', (name, reason) => {
    expect(nameProblem(name)).toBe(reason);
  });

  it.each(['FOO', 'my-key', 'a.b', 'lower_case', '日本', 'KEY\uFEFF', 'KEY_\u{1F510}'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it('splits secrets into exported and skipped', () => {
    const { exported, skipped } = applyNameRules([chosen('OK'), chosen('NO=PE')], env);
    expect(exported.map((e) => e.name)).toEqual(['OK']);
    expect(skipped).toEqual([{ name: 'NO=PE', reason: 'the name contains "="' }]);
  });

  it('fails instead of skipping a name the secrets input listed', () => {
    expect(() => applyNameRules([chosen('BAD=NAME', 3)], env)).toThrow(
      'secrets line 3: cannot export "BAD=NAME": the name contains "="',
    );
  });

  it('never exports a value Infisical withheld: skipped, or failing when the secrets input listed it', () => {
    const withheld = (line?: number): Chosen => {
      const item = chosen('DB_PASSWORD', line);
      return { ...item, value: '<hidden-by-infisical>', secret: { ...item.secret, hidden: true } };
    };
    expect(applyNameRules([withheld(), chosen('OK')], env)).toMatchObject({
      exported: [{ name: 'OK' }],
      skipped: [{ name: 'DB_PASSWORD', reason: WITHHELD }],
    });
    expect(() => applyNameRules([withheld(2)], { env: false, file: true })).toThrow(
      `secrets line 2: cannot export "DB_PASSWORD": ${WITHHELD}`,
    );
  });

  it('skips names a .env file cannot hold, only for file export', () => {
    expect(applyNameRules([chosen('my key')], { env: false, file: true }).skipped).toEqual([
      { name: 'my key', reason: 'a .env file name may hold only letters, digits, _, . and -' },
    ]);
    expect(applyNameRules([chosen('my key')], env).exported).toHaveLength(1);
    // The dotenv package reads letters, digits, _, . and - in a name: all of them are written.
    expect(applyNameRules([chosen('my-key.v2_B')], { env: false, file: true }).exported).toHaveLength(1);
  });
});

describe("the runner's own variables", () => {
  // `ACTIONſ_…` (long s) and `Cı` (dotless i) upper-case to ACTIONS_… and CI: a case-blind reader may take them
  // for those variables.
  it.each([
    'PATH',
    'Path',
    'HOME',
    'CI',
    'GITHUB_SHA',
    'github_output',
    'RUNNER_TEMP',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTION\u017F_RUNTIME_TOKEN',
    'C\u0131',
  ])('protects %s', (name) => {
    expect(isProtected(name)).toBe(true);
  });

  it.each(['GITHUB_TOKEN', 'github_token', 'PATHS', 'MY_HOME', 'CIRCLE', 'GITHUBX', '\u0420ATH'])(
    'does not protect %s',
    (name) => {
      expect(isProtected(name)).toBe(false);
    },
  );

  it('skips a protected name with a reason, unless the secrets input lists it; outputs are not affected', () => {
    expect(applyNameRules([chosen('PATH')], env).skipped).toEqual([
      { name: 'PATH', reason: "it would replace the runner's PATH; list it in the secrets input to export it anyway" },
    ]);
    expect(applyNameRules([chosen('PATH', 1)], env).exported).toHaveLength(1);
    const prefixed: Chosen = { ...chosen('GITHUB_FOO', 2), named: false };
    expect(() => applyNameRules([prefixed], env)).toThrow(
      `secrets line 2: cannot export "GITHUB_FOO": it would replace the runner's GITHUB_FOO`,
    );
    expect(applyNameRules([chosen('PATH')], { env: false, file: false }).exported).toHaveLength(1);
  });

  it('skips a value a .env file cannot carry when exporting to a file, fails when the secrets input lists it', () => {
    const odd = (line?: number): Chosen => ({ ...chosen('ODD', line), value: 'C:\\dir #1\\' });
    const file = { env: false, file: true };
    const reason =
      'no .env quoting carries its value exactly (dotenv has no escape for its mix of quotes, line breaks, # and backslashes); ' +
      'use export-type env or output for it';
    expect(applyNameRules([odd(), chosen('OK')], file)).toMatchObject({
      skipped: [{ name: 'ODD', reason }],
      exported: [{ name: 'OK' }],
    });
    expect(() => applyNameRules([odd(3)], file)).toThrow(`secrets line 3: cannot export "ODD": ${reason}`);
    expect(applyNameRules([odd(3)], env).exported).toHaveLength(1);
  });
});

describe('names that make later programs load or run code', () => {
  const bashEnv = codeLoadingReason('BASH_ENV') ?? '';
  const kept = (listed: string, key: string, name: string) =>
    `it makes later programs load or run code: ${bashEnv}. To export it anyway, list "${listed}" in the ` +
    `secrets input, or rename it ("${key} | MY_${name}")`;

  it('keeps them out of the environment with a reason that says how to export them anyway', () => {
    const { exported, skipped } = applyNameRules([chosen('BASH_ENV'), chosen('BASH_COLOR')], env);
    expect(exported.map((e) => e.name)).toEqual(['BASH_COLOR']);
    expect(skipped).toEqual([{ name: 'BASH_ENV', reason: kept('BASH_ENV', 'BASH_ENV', 'BASH_ENV') }]);
  });

  it('exports one the secrets input lists under that name', () => {
    expect(applyNameRules([{ ...chosen('BASH_ENV', 1), named: true }], env).exported).toHaveLength(1);
  });

  it('does not count a name a prefix produced as listed: skipped, or failing when its key is listed', () => {
    const prefixed: Chosen = { ...chosen('BASH_ENV'), secret: { ...chosen('ENV').secret } };
    expect(applyNameRules([prefixed], env).skipped).toEqual([
      { name: 'BASH_ENV', reason: kept('ENV | BASH_ENV', 'ENV', 'BASH_ENV') },
    ]);
    expect(() => applyNameRules([{ ...prefixed, line: 4 }], env)).toThrow(
      `secrets line 4: cannot export "BASH_ENV": it makes later programs load or run code`,
    );
  });

  it('leaves step outputs and .env files alone; with export-type both, a step output only', () => {
    expect(applyNameRules([chosen('LD_PRELOAD')], { env: false, file: false }).exported).toHaveLength(1);
    expect(applyNameRules([chosen('LD_PRELOAD')], { env: false, file: true }).exported).toHaveLength(1);
    const both = applyNameRules([chosen('LD_PRELOAD'), chosen('PATH'), chosen('OK')], { ...env, output: true });
    expect(both.exported.map((e) => [e.name, e.outputOnly])).toEqual([
      ['LD_PRELOAD', true],
      ['PATH', true],
      ['OK', undefined],
    ]);
    expect(both.skipped.map((s) => [s.name, s.outputOnly])).toEqual([
      ['LD_PRELOAD', true],
      ['PATH', true],
    ]);
  });

  it('still refuses NODE_OPTIONS when the secrets input lists it: the runner refuses it whatever we do', () => {
    expect(() => applyNameRules([{ ...chosen('NODE_OPTIONS', 1), named: true }], env)).toThrow(
      'secrets line 1: cannot export "NODE_OPTIONS": the runner refuses to set NODE_OPTIONS',
    );
  });
});
