import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { dotenvProblem, encodeDotenv } from '../src/export/dotenv.js';
import { CORPUS } from './corpus.js';

/** Reads a file back with the dotenv package, both of its parsers. */
function readBack(text: string): Array<Record<string, string>> {
  return [dotenv.parse(text), dotenv.parse(text, { fast: true })];
}

describe('encodeDotenv', () => {
  it('writes every corpus value so dotenv reads it back byte-exact (but the one no quoting carries)', () => {
    const { QUOTES, ...rest } = CORPUS;
    const text = encodeDotenv(Object.entries(rest).map(([name, value]) => ({ name, value })));
    for (const parsed of readBack(text)) expect(parsed).toEqual(rest);
    expect(QUOTES).toMatch(/'.*".*`/);
  });

  it('picks the plainest form per value', () => {
    expect(encodeDotenv([{ name: 'A', value: 'simple-value_1' }])).toBe('A=simple-value_1\n');
    expect(encodeDotenv([{ name: 'A', value: 'has $HOME # hash' }])).toBe("A='has $HOME # hash'\n");
    expect(encodeDotenv([{ name: 'A', value: "it's\r\n" }])).toBe('A="it\'s\\r\\n"\n');
    expect(encodeDotenv([{ name: 'A', value: 'both \' and " quotes' }])).toBe('A=`both \' and " quotes`\n');
    expect(encodeDotenv([])).toBe('');
  });

  it('says which values no dotenv quoting carries', () => {
    expect(dotenvProblem('fine "quoted" value')).toBeUndefined();
    expect(dotenvProblem('C:\\dir\\')).toMatch(
      /^no \.env quoting carries its value exactly .*use export-type env or output/,
    );
  });

  it('refuses, naming every key, values that no dotenv quoting carries exactly', () => {
    const entries = [
      { name: 'ALL_QUOTES', value: `' " \`` },
      { name: 'OK', value: 'fine' },
      { name: 'CR_AND_QUOTES', value: `'"\r` },
      { name: 'TRAILING_BACKSLASH', value: 'C:\\dir\\' },
    ];
    expect(() => encodeDotenv(entries)).toThrow(
      /^Cannot write ALL_QUOTES, CR_AND_QUOTES, TRAILING_BACKSLASH to a \.env file exactly/,
    );
  });

  it('round-trips random values or refuses them, never alters them (bounded fuzz)', () => {
    const alphabet = ['a', ' ', '\n', '\r', "'", '"', '`', '\\', 'n', 'r', '#', '$', '=', '\t', 'é'];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let carried = 0;
    for (let i = 0; i < 2000; i++) {
      const value = Array.from(
        { length: Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      let text: string;
      try {
        text = encodeDotenv([{ name: 'V', value }]);
      } catch {
        continue;
      }
      carried++;
      for (const parsed of readBack(text)) expect(parsed['V'], JSON.stringify(value)).toBe(value);
    }
    expect(carried).toBeGreaterThan(1000);
  });
});
