import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFileCommand, escapeData, info, input, mask } from '../src/runner.js';
import { parseFileCommands } from './runner-files.js';
import { CORPUS } from './corpus.js';

afterEach(() => vi.restoreAllMocks());

describe('workflow commands', () => {
  it('escapes command data the way the runner decodes it', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
  });

  it('masks the whole value and each non-blank line, nothing for blank values', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    mask(['single', 'a-line\r\n\r\nb-line\n', '', ' \n\t', '50%\rx']);
    expect(write.mock.calls[0]?.[0]).toBe(
      '::add-mask::single\n' +
        '::add-mask::a-line%0D%0A%0D%0Ab-line%0A\n::add-mask::a-line\n::add-mask::b-line\n' +
        '::add-mask::50%25%0Dx\n::add-mask::50%25\n::add-mask::x\n',
    );
    write.mockClear();
    mask(['', ' \n\t']);
    expect(write).not.toHaveBeenCalled();
  });

  it('never prints a plain log line the runner would read as a command', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    info('::stop-commands::x');
    info('  ::add-mask::y');
    info('file at /w/a\n::stop-commands::z\r\n##[add-mask]w ##[debug]v');
    expect(write.mock.calls.map(([text]) => String(text))).toEqual([
      ': :stop-commands::x\n',
      '  : :add-mask::y\n',
      'file at /w/a ::stop-commands::z ## [add-mask]w ## [debug]v\n',
    ]);
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

  it('never uses a delimiter that a value contains: the batch is encoded again with a new one', () => {
    // The first delimiter drawn is all zeros; a value holding it forces a second draw.
    const draws = [0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5];
    vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0.25);
    const first = `ghadelimiter_${'0'.repeat(32)}`;
    const values = { A: 'one line', B: `x\n${first}\ny` };
    const text = encodeFileCommand(Object.entries(values).map(([name, value]) => ({ name, value })));
    expect(text).toContain(`B<<ghadelimiter_${'80000000'.repeat(4)}\n`);
    expect(text.match(/ghadelimiter_[0-9a-f]{32}/g)).toEqual([
      `ghadelimiter_${'80000000'.repeat(4)}`,
      first,
      `ghadelimiter_${'80000000'.repeat(4)}`,
    ]);
    expect(parseFileCommands(text)).toEqual(values);
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
