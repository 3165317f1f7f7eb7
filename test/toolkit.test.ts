// The fixed choice read off the source: every HTTP request goes through @actions/http-client and
// every runner interaction through @actions/core, so src/ opens no socket and frames no HTTP itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

const SRC = join(ROOT, 'src');
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(SRC, f));
/** Each source file's code, comments left out (they may name what the code does not do). */
const code = files.map((file) => ({
  file: relative(ROOT, file),
  text: readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, ''),
}));
const offending = (pattern: RegExp) => code.filter(({ text }) => pattern.test(text)).map(({ file }) => file);

describe('src/ leaves the wire to the toolkit', () => {
  it('reads every file of src/', () => {
    expect(code.map(({ file }) => file)).toContain(join('src', 'infisical', 'http.ts'));
  });

  it('imports no socket module and opens no socket', () => {
    expect(offending(/from ['"](node:)?(net|dgram)['"]/)).toEqual([]);
    expect(offending(/\b(createConnection|createServer)\(|\btls\.connect\(|\bnet\./)).toEqual([]);
  });

  it('writes no HTTP framing', () => {
    // A request or status line, or the blank line that ends a head.
    expect(offending(/HTTP\/1\.[01] |\\r\\n\\r\\n/)).toEqual([]);
  });
});
