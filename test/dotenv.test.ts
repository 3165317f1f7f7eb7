import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { composeMisreads, dotenvProblem, encodeDotenv } from '../src/export/dotenv.js';
import { composeParse } from './compose-dotenv.js';
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
    expect(QUOTES).toMatch(/'.*".*`.*#/);
  });

  it('picks the plainest form per value', () => {
    expect(encodeDotenv([{ name: 'A', value: 'simple-value_1' }])).toBe('A=simple-value_1\n');
    expect(encodeDotenv([{ name: 'A', value: 'has $HOME # hash' }])).toBe("A='has $HOME # hash'\n");
    expect(encodeDotenv([{ name: 'A', value: "it's\r\n" }])).toBe('A="it\'s\\r\\n"\n');
    // Both quotes: unquoted, which compose reads alike, unless the value holds a '#' or surrounding space.
    expect(encodeDotenv([{ name: 'A', value: 'both \' and " quotes' }])).toBe('A=both \' and " quotes\n');
    expect(encodeDotenv([{ name: 'A', value: 'both \' and " #1' }])).toBe('A=`both \' and " #1`\n');
    // What no quotes carry, unquoted: a final backslash, all three quote kinds on one line.
    expect(encodeDotenv([{ name: 'A', value: 'C:\\tools\\' }])).toBe('A=C:\\tools\\\n');
    expect(encodeDotenv([{ name: 'A', value: 'it\'s "x" `y`' }])).toBe('A=it\'s "x" `y`\n');
    expect(encodeDotenv([])).toBe('');
  });

  it('writes unquoted a value with U+2028 or U+2029 inside, which dotenv and compose read as part of the line', () => {
    for (const value of ['it\'s "x" `y`\u2028z', 'it\'s "x" `y`\u2029z']) {
      const text = encodeDotenv([{ name: 'V', value }]);
      expect(text).toBe(`V=${value}\n`);
      for (const parsed of [...readBack(text), composeParse(text)]) expect(parsed).toEqual({ V: value });
    }
  });

  it('says which values no dotenv quoting carries', () => {
    expect(dotenvProblem('fine "quoted" value')).toBeUndefined();
    expect(dotenvProblem('C:\\dir\\')).toBeUndefined();
    expect(dotenvProblem('C:\\dir #1\\')).toMatch(
      /^no \.env quoting carries its value exactly .*use export-type env or output/,
    );
  });

  it('refuses, naming every key, values that no dotenv quoting carries exactly', () => {
    const entries = [
      { name: 'ALL_QUOTES', value: `' " \`` },
      { name: 'OK', value: 'fine' },
      { name: 'CR_AND_QUOTES', value: `'"\r` },
      { name: 'TRAILING_BACKSLASH', value: 'C:\\dir #1\\' },
    ];
    expect(() => encodeDotenv(entries)).toThrow(
      /^Cannot write ALL_QUOTES, CR_AND_QUOTES, TRAILING_BACKSLASH to a \.env file exactly/,
    );
  });

  it('round-trips random values or refuses them, never alters them (bounded fuzz)', () => {
    let carried = 0;
    for (const value of randomValues(2000)) {
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

describe('composeMisreads', () => {
  it('names the values docker compose reads differently from the dotenv package', () => {
    const entries = [
      { name: 'APOSTROPHE_DOLLAR', value: "it's $HOME" }, // double quotes: compose expands $HOME
      { name: 'APOSTROPHE_ESCAPE', value: "it's a\\tb" }, // double quotes: compose reads \t as a tab
      { name: 'JSON', value: '{"msg":"it\'s"}' }, // unquoted, as compose reads it too (it has no backticks)
      { name: 'JSON_DOLLAR', value: '{"msg":"it\'s $HOME"}' }, // unquoted: compose expands $HOME
      { name: 'APOSTROPHE_CRLF', value: "it's\r\n" },
      { name: 'DOLLAR_BACKSLASH', value: '$HOME C:\\dir' },
    ];
    const text = encodeDotenv(entries);
    expect(dotenv.parse(text)).toEqual(Object.fromEntries(entries.map((e) => [e.name, e.value])));
    expect(composeParse(text)).toEqual({
      APOSTROPHE_DOLLAR: "it's ",
      APOSTROPHE_ESCAPE: "it's a\tb",
      JSON: '{"msg":"it\'s"}',
      JSON_DOLLAR: '{"msg":"it\'s "}',
      APOSTROPHE_CRLF: "it's\r\n",
      DOLLAR_BACKSLASH: '$HOME C:\\dir',
    });
    expect(composeMisreads(entries)).toEqual(['APOSTROPHE_DOLLAR', 'APOSTROPHE_ESCAPE', 'JSON_DOLLAR']);
  });

  it('names an unquoted value with U+0085 (NEL) first or last: compose trims it, dotenv and JavaScript keep it', () => {
    const entries = [
      { name: 'NEL_LAST', value: 'it\'s "x" `y`\u0085' },
      { name: 'NEL_FIRST', value: '\u0085it\'s "x" `y`' },
      { name: 'NEL_INSIDE', value: 'it\'s "x"\u0085`y`' },
    ];
    const text = encodeDotenv(entries);
    expect(text).toBe(entries.map((e) => `${e.name}=${e.value}\n`).join(''));
    for (const parsed of readBack(text))
      expect(parsed).toEqual(Object.fromEntries(entries.map((e) => [e.name, e.value])));
    expect(composeParse(text)).toEqual({
      NEL_LAST: 'it\'s "x" `y`',
      NEL_FIRST: 'it\'s "x" `y`',
      NEL_INSIDE: 'it\'s "x"\u0085`y`',
    });
    expect(composeMisreads(entries)).toEqual(['NEL_LAST', 'NEL_FIRST']);
  });

  it('compose reads every corpus and random value exactly unless it is named (bounded fuzz)', () => {
    const { QUOTES: _quotes, ...carriable } = CORPUS;
    let named = 0;
    for (const value of [...Object.values(carriable), ...randomValues(2000)]) {
      let text: string;
      try {
        text = encodeDotenv([{ name: 'V', value }]);
      } catch {
        continue;
      }
      let read: string | undefined;
      try {
        read = composeParse(text)['V'];
      } catch {
        read = undefined; // compose refuses the whole file
      }
      const misread = composeMisreads([{ name: 'V', value }]).length > 0;
      if (misread) named++;
      expect(read !== value, JSON.stringify(value)).toBe(misread);
    }
    expect(named).toBeGreaterThan(100);
  });
});

/** Short values over an alphabet of quoting trouble, the same ones on every run. */
function randomValues(count: number): string[] {
  const alphabet = ['a', ' ', '\n', '\r', "'", '"', '`', '\\', 'n', 'r', '#', '$', '=', '\t', 'é'];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
  );
}
