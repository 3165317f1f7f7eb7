// The fixed choice read off the source: every HTTP request goes through @actions/http-client and
// every runner interaction through @actions/core, so src/ opens no socket and frames no HTTP itself;
// the AWS SDK, the one other runtime dependency (DEVELOPERS.md, issue 14), serves AWS IAM login only.
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
const TOOLKIT = ['@actions/core', '@actions/http-client'];

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

  it('depends at run time on the toolkit, and on the AWS SDK only in the AWS IAM bundle', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const aws = Object.keys(dependencies).filter((name) => !TOOLKIT.includes(name));
    expect(Object.keys(dependencies).filter((name) => TOOLKIT.includes(name))).toEqual(TOOLKIT);
    expect(aws.every((name) => /^@(aws-sdk|smithy)\//.test(name))).toBe(true);
    const importers = (name: string) => offending(new RegExp(`from '${name}['/]`));
    expect([...new Set(aws.flatMap(importers))]).toEqual([join('src', 'login', 'aws-sts.ts')]);
  });
});
