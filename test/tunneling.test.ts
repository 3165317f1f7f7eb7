// Windows file system tunneling: NTFS gives a file renamed over another (or over one deleted within
// 15 s) that file's birth time, so the .env file has another birth time at its path than it had
// beside it. Linux has no tunneling: lstat is wrapped to report the birth time as Windows would.
import { existsSync, mkdtempSync, writeFileSync, type BigIntStats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deleteExportedFile, planExport, writeExport, type WrittenFile } from '../src/export/export.js';

/** Birth times that a rename handed on to the file now at a path. */
const tunneled = new Map<string, bigint>();
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  type LstatOptions = Parameters<typeof fs.lstatSync>[1];
  const lstatSync = (path: string, options?: LstatOptions) => {
    const stats = fs.lstatSync(path, options) as BigIntStats | undefined;
    const birth = tunneled.get(path);
    return stats && birth !== undefined
      ? Object.assign(Object.create(stats) as BigIntStats, { birthtimeNs: birth })
      : stats;
  };
  const renameSync = (from: string, to: string) => {
    const before = fs.lstatSync(to, { bigint: true, throwIfNoEntry: false });
    fs.renameSync(from, to);
    if (before) tunneled.set(to, before.birthtimeNs);
  };
  return { ...fs, default: { ...fs, lstatSync, renameSync }, lstatSync, renameSync };
});

describe('the .env file written over another one on Windows (tunneling)', () => {
  it('is still the file the post step deletes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tunnel-')), '.env');
    writeFileSync(path, 'FROM_THE_REPOSITORY=1\n');
    await new Promise((resolve) => setTimeout(resolve, 50)); // file times have a clock tick's resolution
    const learned: WrittenFile[] = [];
    writeExport(planExport([{ name: 'FOO', value: 'BAR' }], 'file', path), (file) => learned.push(file));
    expect(tunneled.has(path)).toBe(true);
    expect(deleteExportedFile(learned.at(-1) as WrittenFile)).toBe('deleted');
    expect(existsSync(path)).toBe(false);
  });
});
