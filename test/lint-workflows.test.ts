// npm run lint:workflows (scripts/lint-workflows.mjs): actionlint, full-SHA pins with a version comment, and
// read-only top-level permissions. The repository's workflows pass; each kind of broken workflow fails.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

const SCRIPT = join(ROOT, 'scripts', 'lint-workflows.mjs');
const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1';

function lint(files: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [SCRIPT, ...files], { cwd: ROOT }, (error, stdout) =>
      done({ code: error ? (error.code as number) : 0, stdout }),
    );
  });
}

/** A workflow with the given top-level permissions block and steps, written to a temp file. */
function workflow(steps: string, permissions = 'permissions:\n  contents: read\n'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'w.yml');
  const text = `name: t\non: push\n${permissions}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  writeFileSync(file, text);
  return file;
}

describe('lint:workflows', () => {
  it("passes the repository's workflows", async () => {
    const result = await lint([]);
    expect(result.stdout).toMatch(/^\d+ workflow\(s\) pass actionlint/m);
    expect(result.code).toBe(0);
  });

  it('passes a pinned, read-only workflow with a local action', async () => {
    const file = workflow(`      - uses: actions/checkout@${SHA} # v7.0.1\n      - uses: ./\n      - run: echo hi\n`);
    expect(await lint([file])).toEqual({ code: 0, stdout: expect.stringContaining('1 workflow(s) pass') as string });
  });

  const broken: Array<[string, string, string | undefined, RegExp]> = [
    [
      'an actionlint error',
      '      - run: echo ${{ github.no_such_thing }}\n',
      undefined,
      /no_such_thing.*\[expression\]/,
    ],
    [
      'a tag instead of a SHA',
      '      - uses: actions/checkout@v7\n',
      undefined,
      /"actions\/checkout@v7" is not pinned/,
    ],
    ['a short SHA', '      - uses: actions/checkout@3d3c42e # v7.0.1\n', undefined, /not pinned to a full commit SHA/],
    [
      'a SHA without its version',
      `      - uses: actions/checkout@${SHA}\n`,
      undefined,
      /needs its version in a comment/,
    ],
    ['a docker image without digest', '      - uses: docker://alpine:3\n', undefined, /not pinned to a digest/],
    ['no top-level permissions', '      - run: echo hi\n', '', /no top-level permissions/],
    [
      'a top-level write',
      '      - run: echo hi\n',
      'permissions:\n  contents: write\n',
      /contents: write: grant write/,
    ],
    ['top-level write-all', '      - run: echo hi\n', 'permissions: write-all\n', /must be read-only/],
  ];
  // One run over every broken workflow (the WebAssembly start is the slow part); each must get its own problem.
  const files = broken.map(([, steps, permissions]) => workflow(steps, permissions));
  const result = lint(files);

  it('exits 1 on broken workflows', async () => {
    expect((await result).code).toBe(1);
  });

  it.each(broken.map(([name, , , message], i) => [name, files[i] ?? '', message] as const))(
    'names the problem of %s with file:line:column',
    async (_, file, message) => {
      const lines = (await result).stdout.split('\n').filter((line) => line.startsWith(relative(ROOT, file) + ':'));
      expect(lines.some((line) => message.test(line) && /^\S+:\d+:\d+: /.test(line))).toBe(true);
    },
  );
});
