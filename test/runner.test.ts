import { afterEach, describe, expect, it, vi } from 'vitest';
import { delimiterFor, encodeFileCommand, escapeData, input, mask, maskParts } from '../src/runner.js';
import { parseFileCommands } from './runner-files.js';
import { CORPUS } from './corpus.js';

afterEach(() => vi.restoreAllMocks());

describe('workflow commands', () => {
  it('escapes command data the way the runner decodes it', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
  });

  it('masks the whole value and each non-blank line, nothing for blank values', () => {
    expect(maskParts('single')).toEqual(['single']);
    expect(maskParts('a-line\r\n\r\nb-line\n')).toEqual(['a-line\r\n\r\nb-line\n', 'a-line', 'b-line']);
    expect(maskParts('')).toEqual([]);
    expect(maskParts(' \n\t')).toEqual([]);
  });

  it('registers all masks in one write', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    mask(['first-value', 'two\nlines', '']);
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0]?.[0]).toBe(
      '::add-mask::first-value\n::add-mask::two%0Alines\n::add-mask::two\n::add-mask::lines\n',
    );
  });

  it('reads inputs as the runner passes them: INPUT_<NAME> with hyphens kept, trimmed', () => {
    process.env['INPUT_CLIENT-ID'] = '  id-1 \n';
    expect(input('client-id')).toBe('id-1');
    delete process.env['INPUT_CLIENT-ID'];
    expect(input('client-id')).toBe('');
  });
});

describe('file commands', () => {
  it('encodes every corpus value so the runner reads it back byte-exact', () => {
    const entries = Object.entries(CORPUS).map(([name, value]) => ({ name, value }));
    expect(parseFileCommands(encodeFileCommand(entries))).toEqual(CORPUS);
  });

  it('never picks a delimiter that a value contains', () => {
    const delimiter = delimiterFor(['x']);
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f]{32}$/);
    expect(delimiterFor([delimiter])).not.toBe(delimiter);
  });

  it('uses one delimiter for the whole batch (no per-variable UUIDs)', () => {
    const text = encodeFileCommand([
      { name: 'A', value: '1\n2' },
      { name: 'B', value: '3\n4' },
    ]);
    const delimiters = new Set(text.match(/ghadelimiter_[0-9a-f]+/g));
    expect(delimiters.size).toBe(1);
    expect(text.match(/ghadelimiter_/g)).toHaveLength(4);
  });

  it('writes a one-line value as NAME=value and any value with CR or LF as a heredoc', () => {
    const values = { PLAIN: 'a=b<<c "d" ', EMPTY: '', LF: 'x\n', CR_END: 'x\r', CR_MID: 'x\ry' };
    const text = encodeFileCommand(Object.entries(values).map(([name, value]) => ({ name, value })));
    expect(text.startsWith('PLAIN=a=b<<c "d" \nEMPTY=\nLF<<ghadelimiter_')).toBe(true);
    for (const name of ['LF', 'CR_END', 'CR_MID']) expect(text).toContain(`\n${name}<<ghadelimiter_`);
    expect(parseFileCommands(text)).toEqual(values);
  });
});

describe('the test parser follows the runner', () => {
  it('reads NAME=value, heredocs, empty heredocs and keeps CR inside lines', () => {
    const text = 'A=1=2\nB<<EOF\nx\r\ny\nEOF\nC<<EOF\nEOF\n\nD=a<<b\n';
    expect(parseFileCommands(text)).toEqual({ A: '1=2', B: 'x\r\ny', C: '', D: 'a<<b' });
  });

  it('fails on an unterminated heredoc', () => {
    expect(() => parseFileCommands('A<<EOF\nvalue\n')).toThrow(/Matching delimiter not found/);
  });
});
