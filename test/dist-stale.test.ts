// When `npm start` rebuilds dist/: any source file newer than dist/index.js, in a sub-folder of src/ too.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distIsStale } from '../scripts/dist-stale.mjs';

/** A checkout with src/main.ts, src/login/universal.ts and dist/index.js, each at the given time (s). */
function checkout(times: { main: number; nested: number; dist?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'dist-stale-'));
  mkdirSync(join(root, 'src', 'login'), { recursive: true });
  const files: Array<[string, number | undefined]> = [
    ['src/main.ts', times.main],
    ['src/login/universal.ts', times.nested],
  ];
  if (times.dist !== undefined) {
    mkdirSync(join(root, 'dist'));
    files.push(['dist/index.js', times.dist]);
  }
  for (const [file, time] of files) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), time!, time!);
  }
  // A folder's own time changes only when an entry is added or removed, not when a file in it is edited.
  utimesSync(join(root, 'src', 'login'), 1000, 1000);
  return root;
}

describe('distIsStale', () => {
  it('is false when dist/index.js is newer than every source file', () => {
    expect(distIsStale(checkout({ main: 1000, nested: 1000, dist: 2000 }))).toBe(false);
  });
  it('is true when a file at the top of src/ is newer', () => {
    expect(distIsStale(checkout({ main: 3000, nested: 1000, dist: 2000 }))).toBe(true);
  });
  it('is true when a file in a sub-folder of src/ is newer', () => {
    expect(distIsStale(checkout({ main: 1000, nested: 3000, dist: 2000 }))).toBe(true);
  });
  it('is true when dist/index.js is missing', () => {
    expect(distIsStale(checkout({ main: 1000, nested: 1000 }))).toBe(true);
  });
});
