// .github/workflows/release.yml, read as GitHub runs it: the build provenance attestation covers every file the
// action ships under dist/ (the runner loads dist/aws/index.js for AWS IAM login, so it is code users run too).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness.js';

type Step = { uses?: string; with?: Record<string, string> };
const release = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(release.jobs).flatMap((job) => job.steps);

describe('release workflow', () => {
  it('attests every file under dist/', () => {
    const attest = steps.filter((step) => step.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest).toHaveLength(1);
    const subjects = (attest[0]?.with?.['subject-path'] ?? '').split('\n').filter((line) => line.trim() !== '');
    const dist = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(join(ROOT, 'dist', file)).isFile())
      .map((file) => `dist/${file.split('\\').join('/')}`);
    expect(subjects.map((line) => line.trim()).sort()).toEqual(dist.sort());
  });
});
