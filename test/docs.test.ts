// The docs cannot drift: README's inputs/outputs tables and every `with:` key in its examples match
// action.yml, and the workflows' `uses: ./` steps pass only declared inputs and all required ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

describe('README', () => {
  it('has the two commands first', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm start');
    expect(firstBlock).toContain('npm ci && npm test');
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
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const keys = blocks.flatMap((block) => {
      const withBlocks = [...block.matchAll(/^(\s*)with:\n((?:\1\s+.*\n?)*)/gm)];
      return withBlocks.flatMap((m) => [...(m[2] ?? '').matchAll(/^\s+([a-z][a-z0-9-]*):/gm)].map((k) => k[1]));
    });
    expect(keys.length).toBeGreaterThan(20);
    expect(keys).toContain('ca-certificate');
    const undeclared = keys.filter(
      (key) =>
        key && !(key in actionYml.inputs) && !['node-version', 'cache', 'role-to-assume', 'aws-region'].includes(key),
    );
    expect(undeclared).toEqual([]);
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
