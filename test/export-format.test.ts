// The one bulk append of GITHUB_ENV is written in exactly core.exportVariable's format, and the
// runner reads every value back byte-exact.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeEnvFile } from '../src/export/export.js';
import { CORPUS } from './corpus.js';
import { parseFileCommands } from './runner-files.js';

// randomUUID gives the queued ids first, then real ones: to make a value contain the first delimiter.
const queued: string[] = [];
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  return { ...crypto, randomUUID: () => queued.shift() ?? crypto.randomUUID() };
});

afterEach(() => vi.unstubAllEnvs());

const delimiters = (text: string): string[] => [...new Set(text.match(/ghadelimiter_[0-9a-f-]{36}/g) ?? [])];

describe('encodeEnvFile', () => {
  it('writes what core.exportVariable writes, one fresh delimiter for the batch instead of one per entry', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'env-format-')), 'env');
    writeFileSync(file, '');
    vi.stubEnv('GITHUB_ENV', file);
    const entries = [
      { name: 'ONE', value: 'plain' },
      { name: 'TWO', value: 'multi\nline\r\nvalue\n' },
      { name: 'EMPTY', value: '' },
    ];
    for (const { name, value } of entries) core.exportVariable(name, value);
    const fromCore = readFileSync(file, 'utf8');
    const ours = encodeEnvFile(entries);
    expect(delimiters(ours)).toHaveLength(1);
    expect(delimiters(fromCore)).toHaveLength(3);
    const normal = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM');
    expect(normal(ours)).toBe(normal(fromCore));
    expect(encodeEnvFile(entries)).not.toBe(ours); // a fresh delimiter every batch
  });

  it('never uses a delimiter that a value or name contains: it draws another', () => {
    const first = '11111111-2222-4333-8444-555555555555';
    const second = '66666666-7777-4888-9999-aaaaaaaaaaaa';
    queued.push(first, second);
    const entries = [{ name: 'TRAP', value: `before\nghadelimiter_${first}\nafter` }];
    const text = encodeEnvFile(entries);
    expect(delimiters(text)).toEqual([`ghadelimiter_${second}`, `ghadelimiter_${first}`]); // used, and in the value
    expect(text.startsWith(`TRAP<<ghadelimiter_${second}\n`)).toBe(true);
    expect(parseFileCommands(text)).toEqual({ TRAP: entries[0]?.value });
  });

  it('hands every corpus value to the runner byte-exact', () => {
    const entries = Object.entries(CORPUS).map(([name, value]) => ({ name, value }));
    expect(parseFileCommands(encodeEnvFile(entries))).toEqual(CORPUS);
  });

  it('hands every value to a Windows runner byte-exact, one ending with CR too: its line ends are CRLF there', () => {
    const values = { ...CORPUS, ENDS_WITH_CR: 'pem\r\n-----END-----\r', ONLY_CR: '\r', CR_THEN_LF: 'a\r\r\n' };
    const entries = Object.entries(values).map(([name, value]) => ({ name, value }));
    expect(parseFileCommands(encodeEnvFile(entries, '\r\n'), { windows: true })).toEqual(values);
    // Had the file LF line ends there, the CR would be taken for part of the line end.
    expect(parseFileCommands(encodeEnvFile(entries, '\n'), { windows: true })['ONLY_CR']).toBe('');
  });
});
