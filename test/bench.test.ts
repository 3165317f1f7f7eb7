import { describe, expect, it } from 'vitest';
import { generateSecrets, stats } from '../bench/lib.mjs';

describe('benchmark helpers', () => {
  it('summarises samples: median, range, p10 and p90', () => {
    expect(stats([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, p10: 1, p90: 5 });
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
});
