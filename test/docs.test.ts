// The docs cannot drift: README's inputs/outputs tables and every `with:` key in the examples of README
// and docs/ match action.yml, every relative link in the Markdown files resolves to a file and heading,
// and the workflows' `uses: ./` steps pass only declared inputs and all required ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IDENTITY_ID } from '../src/inputs.js';
import { actionYml, ROOT } from './harness.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Rows of the first table under a `## heading`, as arrays of trimmed cells. */
function table(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|')),
    );
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

/** The Markdown files users and maintainers read, relative to the root. */
const docs = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Keys under every `with:` of the ```yaml blocks of a Markdown text. */
function withKeys(text: string): string[] {
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) => {
    const withBlocks = [...block.matchAll(/^(\s*)with:\n((?:\1\s+.*\n?)*)/gm)];
    return withBlocks.flatMap((m) => [...(m[2] ?? '').matchAll(/^\s+([a-z][a-z0-9-]*):/gm)].map((k) => k[1] ?? ''));
  });
}

const otherActionsInputs = ['node-version', 'cache', 'role-to-assume', 'aws-region'];
const undeclared = (keys: string[]) =>
  keys.filter((key) => !(key in actionYml.inputs) && !otherActionsInputs.includes(key));

/** Text outside fenced code blocks and code spans, where a link is a link. */
const prose = (text: string) =>
  text
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/``.*?``/g, '')
    .replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to -, repeats numbered. */
function slugs(text: string): string[] {
  const seen = new Map<string, number>();
  return [...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.*)$/gm)].map((m) => {
    const base = (m[1] ?? '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}

/** Links of a Markdown file that stay in the repository: `[text](target)`, not URLs. */
function relativeLinks(file: string): { from: string; target: string }[] {
  return [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => ({ from: file, target }));
}

/** Whether a link from `from` (relative to the root) reaches an existing file and, if it names one, heading. */
function resolves(from: string, target: string): boolean {
  const [path = '', anchor] = target.split('#');
  const file = path === '' ? from : relative(ROOT, join(ROOT, dirname(from), path));
  if (file.startsWith('..') || !existsSync(join(ROOT, file))) return false;
  if (anchor === undefined) return true;
  return file.endsWith('.md') && slugs(read(file)).includes(anchor);
}

describe('README', () => {
  it('has the two commands first', () => {
    const firstLines = readme.split('\n').slice(0, 6);
    expect(firstLines.find((line) => line.startsWith('npm start '))).toBeDefined();
    expect(firstLines.find((line) => line.startsWith('npm ci && npm test '))).toBeDefined();
  });

  it('uses the action at its major tag, @v1, in every example', () => {
    const uses = [...readme.matchAll(/uses: (\S*infisical-secrets-action\S*)/g)].map(([, ref]) => ref);
    expect(uses.length).toBeGreaterThan(5);
    expect(uses.filter((ref) => !ref?.endsWith('/infisical-secrets-action@v1'))).toEqual([]);
  });

  it('is user-sized: at most 20 KiB, the rest in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(20 * 1024);
  });

  it("says what users meet from Infisical itself: imports arrive expanded, a missing reference is empty, a token's 30 days", () => {
    const expand = table('Inputs').find(([name]) => unquote(name ?? '') === 'expand-references')?.[3] ?? '';
    expect(expand).toMatch(/imported secrets arrive expanded whatever this says/);
    expect(expand).toMatch(/a reference to a missing secret becomes empty/);
    expect(readme).toContain("until it expires: 30 days by Infisical's default");
  });

  it('lists every input of action.yml with its required flag, default and description', () => {
    const rows = table('Inputs').map(([name = '', required, def = '', description]) => [
      unquote(name),
      required,
      unquote(def),
      description,
    ]);
    const expected = Object.entries(actionYml.inputs).map(([name, spec]) => [
      name,
      spec.required ? 'yes' : 'no',
      spec.default ?? '',
      spec.description,
    ]);
    expect(rows).toEqual(expected);
  });

  it('lists every output of action.yml', () => {
    const rows = table('Outputs').map(([name = '', description]) => [unquote(name), description]);
    expect(rows).toEqual(Object.entries(actionYml.outputs ?? {}).map(([name, spec]) => [name, spec.description]));
  });

  it('uses only declared inputs in its workflow examples', () => {
    const keys = withKeys(readme);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys).toContain('ca-certificate');
    expect(undeclared(keys)).toEqual([]);
  });
});

describe('README and docs/', () => {
  it("give identity-id in their examples as the input accepts it (the identity's UUID)", () => {
    const ids = docs.flatMap((file) => [...read(file).matchAll(/^\s+identity-id: (\S+)/gm)].map((m) => m[1] ?? ''));
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !IDENTITY_ID.test(id))).toEqual([]);
  });
});

describe('docs/', () => {
  it('uses only declared inputs in its workflow examples', () => {
    const keys = docs.filter((file) => file.startsWith('docs/')).flatMap((file) => withKeys(read(file)));
    expect(keys).toContain('file-output-path');
    expect(undeclared(keys)).toEqual([]);
  });
});

describe('links', () => {
  it('every relative link in the Markdown files names an existing file and heading', () => {
    const links = docs.flatMap((file) => relativeLinks(file));
    expect(links.length).toBeGreaterThan(30);
    const broken = links.filter(({ from, target }) => !resolves(from, target));
    expect(broken).toEqual([]);
  });

  it('finds a broken file or anchor', () => {
    expect(resolves('README.md', 'docs/none.md')).toBe(false);
    expect(resolves('README.md', '#no-such-heading')).toBe(false);
    expect(resolves('docs/logins.md', '../README.md#quick-start')).toBe(true);
    expect(slugs('## Google Cloud (GCP ID token)\n## `a`, b/c\n## x\n## x')).toEqual([
      'google-cloud-gcp-id-token',
      'a-bc',
      'x',
      'x-1',
    ]);
  });
});

describe('workflows', () => {
  const dir = join(ROOT, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

  it('has ci, check-dist, codeql, e2e and release', () => {
    expect(files.sort()).toEqual(['check-dist.yml', 'ci.yml', 'codeql.yml', 'e2e.yml', 'release.yml']);
  });

  it('passes only declared inputs, and all required ones, to uses: ./ steps', () => {
    type Step = { uses?: string; with?: Record<string, unknown> };
    const steps = files.flatMap((file) => {
      const doc = parse(readFileSync(join(dir, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
      return Object.values(doc.jobs).flatMap((job) => job.steps.filter((s) => s.uses === './'));
    });
    expect(steps.length).toBeGreaterThan(0);
    const required = Object.entries(actionYml.inputs)
      .filter(([, spec]) => spec.required)
      .map(([name]) => name);
    for (const step of steps) {
      const given = Object.keys(step.with ?? {});
      expect(given.filter((key) => !(key in actionYml.inputs))).toEqual([]);
      expect(required.filter((key) => !given.includes(key))).toEqual([]);
    }
  });
});
