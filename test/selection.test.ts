import { describe, expect, it } from 'vitest';
import { importDisputes, parseSelection, selectSecrets } from '../src/selection.js';
import type { Secret } from '../src/resolve.js';

describe('parseSelection', () => {
  it('reads KEY, KEY | NAME and /folder/KEY | NAME, skipping blanks and comments, trimming parts', () => {
    const text = '# deploy keys\n  DB_URL  \n\nAPI_KEY|TF_VAR_api_key\n  /app/TOKEN  |  APP_TOKEN \n/ROOT_KEY\n';
    expect(parseSelection(text)).toEqual([
      { line: 2, key: 'DB_URL' },
      { line: 4, key: 'API_KEY', name: 'TF_VAR_api_key' },
      { line: 5, path: '/app', key: 'TOKEN', name: 'APP_TOKEN' },
      { line: 6, path: '/', key: 'ROOT_KEY' },
    ]);
  });

  it('accepts CRLF line ends and an empty input', () => {
    expect(parseSelection('A\r\nB | C\r\n')).toEqual([
      { line: 1, key: 'A' },
      { line: 2, key: 'B', name: 'C' },
    ]);
    expect(parseSelection('')).toEqual([]);
  });

  it('reads a folder written with a doubled slash before the key as that folder', () => {
    expect(parseSelection('/app//TOKEN\n//ROOT_KEY')).toEqual([
      { line: 1, path: '/app', key: 'TOKEN' },
      { line: 2, path: '/', key: 'ROOT_KEY' },
    ]);
  });

  it.each([
    ['A | B | C', 1],
    ['OK\n | NAME', 2],
    ['OK\nOK2\nKEY |', 3],
    ['TWO WORDS', 1],
    ['/app/ | NAME', 1],
  ])('names the line of a malformed entry: %j', (text, line) => {
    expect(() => parseSelection(text)).toThrow(
      `secrets line ${line} is malformed: expected KEY, KEY | NAME or /folder/KEY | NAME`,
    );
  });
});

const secret = (key: string, path = '/', importedFrom?: string): Secret => ({
  key,
  value: `${key}-value`,
  source: importedFrom ? { path, importedFrom } : { path },
  hidden: false,
});

describe('selectSecrets', () => {
  const all = [secret('A'), secret('B'), secret('K', '/x'), secret('K', '/y'), secret('I', '/', 'prod')];

  it('exports everything under prefixed names without a list', () => {
    const chosen = selectSecrets([secret('A'), secret('B')], [], 'TF_VAR_');
    expect(chosen.map((c) => c.name)).toEqual(['TF_VAR_A', 'TF_VAR_B']);
  });

  it('exports only listed secrets, renamed ones without the prefix', () => {
    const chosen = selectSecrets(all, parseSelection('A\nB | RENAMED\n/x/K | KX\nI'), 'P_');
    expect(chosen.map((c) => [c.name, c.secret.value, c.line])).toEqual([
      ['P_A', 'A-value', 1],
      ['RENAMED', 'B-value', 2],
      ['KX', 'K-value', 3],
      ['P_I', 'I-value', 4],
    ]);
  });

  it('marks a name as written by the list unless a prefix made it', () => {
    const chosen = selectSecrets(all, parseSelection('A\nB | RENAMED'), 'GITHUB_');
    expect(chosen.map((c) => [c.name, c.named])).toEqual([
      ['GITHUB_A', false],
      ['RENAMED', true],
    ]);
    expect(selectSecrets(all, parseSelection('A'), '')[0]?.named).toBe(true);
  });

  it('lists every missing key in one error', () => {
    expect(() => selectSecrets(all, parseSelection('A\nMISSING_1\n/z/K\nMISSING_2'), '')).toThrow(
      'secrets lists keys that were not found: MISSING_1, /z/K, MISSING_2',
    );
  });

  it('refuses a folder-qualified key that only an import has', () => {
    expect(() => selectSecrets(all, parseSelection('/I'), '')).toThrow('secrets lists keys that were not found: /I');
  });

  it('asks for a folder when a listed key is in two folders', () => {
    expect(() => selectSecrets(all, parseSelection('K'), '')).toThrow(
      'secrets line 1: K exists in /x and /y; write /folder/KEY to pick one',
    );
  });

  it('fails when two secrets would get one name, naming both sources', () => {
    expect(() => selectSecrets(all, parseSelection('A | SAME\nI | SAME'), '')).toThrow(
      'Two secrets would be exported as SAME: A from / and I from imported from prod:/.',
    );
    expect(() => selectSecrets([secret('K', '/x'), secret('K', '/y')], [], '')).toThrow(
      'Two secrets would be exported as K: K from /x and K from /y.',
    );
  });

  it('says when Infisical withholds one of two values for one name', () => {
    const withheld = { ...secret('K', '/x'), hidden: true };
    for (const pair of [
      [withheld, secret('K', '/y')],
      [secret('K', '/y'), withheld],
    ]) {
      expect(() => selectSecrets(pair, [], '')).toThrow(
        /read one folder with secret-path \(Infisical withholds one of the values from this identity\)$/,
      );
    }
    expect(() => selectSecrets([secret('K', '/x'), secret('K', '/y')], [], '')).toThrow(
      /read one folder with secret-path$/,
    );
  });
});

describe('importDisputes', () => {
  it('names each exported key the imports disagreed on, the import that won and those it beat', () => {
    const won = (key: string, env: string, ...beaten: string[]): Secret => ({
      ...secret(key, '/', env),
      overruled: beaten.map((importedFrom) => ({ path: '/', importedFrom })),
    });
    expect(importDisputes(selectSecrets([secret('A', '/'), secret('B', '/', 'a')], [], ''))).toBeUndefined();
    const chosen = selectSecrets([won('COMMON', 'staging', 'prod'), won('K', 'c', 'a', 'b')], [], 'P_');
    expect(importDisputes(chosen)).toBe(
      'With recursive, imports gave different values for COMMON (staging:/ won over prod:/), ' +
        "K (c:/ won over a:/, b:/). A folder's own secret, then the later import in Infisical's list wins, " +
        'as within one folder, but that list does not say which folder imports which (an own secret winning is expected when its folder imports the key itself): read one folder with ' +
        'secret-path to choose',
    );
  });
});
