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
      { size: 10, main: 30, rss: 48 },
      { size: 1_000, main: 42, rss: 53 },
      { size: 10_000, main: 78, rss: 81 },
    ];
    expect(budget({ bare: 20, distBytes: 40 * 1024, rows })).toEqual([
      '✓ 10 secrets ≤ 2.0× bare: 1.50×',
      '✓ 10,000 secrets ≤ 4× bare: 3.90×',
      '✓ linear growth: 12.1 ms per 1,000 secrets up to 1,000, 4.0 ms beyond',
      '✓ peak RSS ≤ 120 MB at 10,000: 81.0 MB',
      '✓ dist/ JavaScript ≤ 500 KB: 40.0 KB',
    ]);
    const slow = [rows[0], rows[1], { size: 10_000, main: 300, rss: 130 }];
    expect(budget({ bare: 20, distBytes: 600 * 1024, rows: slow })).toEqual([
      '✓ 10 secrets ≤ 2.0× bare: 1.50×',
      '✗ 10,000 secrets ≤ 4× bare: 15.00×',
      '✗ linear growth: 12.1 ms per 1,000 secrets up to 1,000, 28.7 ms beyond',
      '✗ peak RSS ≤ 120 MB at 10,000: 130.0 MB',
      '✗ dist/ JavaScript ≤ 500 KB: 600.0 KB',
    ]);
    expect(() => budget({ bare: 20, distBytes: 0, rows: rows.slice(0, 2) })).toThrow('no figures for 10000 secrets');
  });
});
