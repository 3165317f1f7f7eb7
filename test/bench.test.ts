import { describe, expect, it } from 'vitest';
import { budget, generateSecrets, stats } from '../bench/lib.mjs';

describe('benchmark helpers', () => {
  it('summarises samples: median and range', () => {
    expect(stats([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(stats([4, 1, 2, 3]).median).toBe(2.5);
    expect(() => stats([])).toThrow('no samples');
  });

  it('generates the same realistic secrets for the same seed', () => {
    const a = generateSecrets(1000, 7);
    expect(generateSecrets(1000, 7)).toEqual(a);
    expect(generateSecrets(1000, 8)).not.toEqual(a);
    const values: string[] = Object.values(a);
    expect(values).toHaveLength(1000);
    expect(values.filter((v) => v.includes('\n')).length).toBe(100);
    expect(values.filter((v) => v.startsWith('{')).length).toBe(100);
    expect(Object.keys(a)[42]).toMatch(/^[A-Z]+_42_[A-Z]+$/);
  });

  it('holds one run against the budget, a line per rule', () => {
    const rows = [
      { size: 10, main: 200, rss: 60 },
      { size: 1_000, main: 260, rss: 70 },
      { size: 10_000, main: 500, rss: 120 },
    ];
    expect(budget({ floor: 170, distBytes: 520 * 1024, rows })).toEqual([
      '✓ 10 secrets ≤ 1.3× floor: 1.18×',
      '✓ 10,000 secrets ≤ 3× floor: 2.94×',
      '✓ linear growth: 60.6 ms per 1,000 secrets up to 1,000, 26.7 ms beyond',
      '✓ peak RSS ≤ 150 MB at 10,000: 120.0 MB',
      '✓ dist/ JavaScript ≤ 600 KB: 520.0 KB',
    ]);
    const slow = [{ size: 10, main: 230, rss: 60 }, rows[1], { size: 10_000, main: 1200, rss: 160 }];
    expect(budget({ floor: 170, distBytes: 700 * 1024, rows: slow })).toEqual([
      '✗ 10 secrets ≤ 1.3× floor: 1.35×',
      '✗ 10,000 secrets ≤ 3× floor: 7.06×',
      '✗ linear growth: 30.3 ms per 1,000 secrets up to 1,000, 104.4 ms beyond',
      '✗ peak RSS ≤ 150 MB at 10,000: 160.0 MB',
      '✗ dist/ JavaScript ≤ 600 KB: 700.0 KB',
    ]);
    expect(() => budget({ floor: 170, distBytes: 0, rows: rows.slice(0, 2) })).toThrow('no figures for 10000 secrets');
  });
});
