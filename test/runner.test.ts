// Our rules on top of @actions/core, checked on what core really writes to stdout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { escapeInfo, info, input, mask } from '../src/runner.js';

let stdout: string[];
beforeEach(() => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('masks', () => {
  it('masks the whole value and each non-blank line, escaped as the runner decodes it; nothing for blank values', () => {
    mask(['one-line', '  ', '', 'first\r\nsecond\n\n  \nthird%', 'a\rb']);
    expect(stdout.join('')).toBe(
      [
        '::add-mask::one-line',
        '::add-mask::first%0D%0Asecond%0A%0A  %0Athird%25',
        '::add-mask::first',
        '::add-mask::second',
        '::add-mask::third%25',
        '::add-mask::a%0Db',
        '::add-mask::a',
        '::add-mask::b',
        '',
      ].join('\n'),
    );
  });

  it('also masks a value or line with spaces or tabs around it without them, as a later step may print it', () => {
    mask(['  spaced value\t', 'a: 1\n  indented-line  ']);
    expect(stdout.join('')).toBe(
      [
        '::add-mask::  spaced value\t',
        '::add-mask::spaced value',
        '::add-mask::a: 1%0A  indented-line  ',
        '::add-mask::a: 1%0A  indented-line',
        '::add-mask::a: 1',
        '::add-mask::  indented-line  ',
        '::add-mask::indented-line',
        '',
      ].join('\n'),
    );
  });
});

describe('plain log lines', () => {
  it.each([
    ['::warning::quoted input', ': :warning::quoted input'],
    ['  ::add-mask::x', '  : :add-mask::x'],
    ['a ##[error] b', 'a ## [error] b'],
    ['##[group]a ##[error] b', '## [group]a ## [error] b'],
    ['two\nlines\r\nhere\rnow', 'two lines here now'],
    ['plain', 'plain'],
  ])('%j is never read as a command', (message, shown) => {
    expect(escapeInfo(message)).toBe(shown);
    info(message);
    expect(stdout.join('')).toBe(`${shown}\n`);
  });
});

describe('inputs', () => {
  it('reads INPUT_<NAME> with hyphens kept, trimmed; `lines` keeps leading blank lines', () => {
    vi.stubEnv('INPUT_CLIENT-ID', '  id-1 \n');
    vi.stubEnv('INPUT_SECRETS', '\n\nFOO\n  ');
    expect(input('client-id')).toBe('id-1');
    expect(input('secrets', { lines: true })).toBe('\n\nFOO');
    expect(input('missing')).toBe('');
  });
});
