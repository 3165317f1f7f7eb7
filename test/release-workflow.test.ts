// .github/workflows/release.yml, read as GitHub runs it: the build provenance attestation covers every file the
// action ships under dist/ (the runner loads dist/aws/index.js for AWS IAM login, so it is code users run too),
// and the release job's shell steps, run in order by bash against a local origin with a stand-in `gh`, move the
// major tag and badge "Latest" only for the newest release.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness.js';

type Step = {
  id?: string;
  name?: string;
  shell?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
};
const release = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(release.jobs).flatMap((job) => job.steps);

/** A repository with one commit and tag per version, pushed to a bare origin; the release's tag comes last. */
function repos(versions: string[], moved: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'release-'));
  const env = { ...process.env, HOME: dir, GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {
      cwd,
      env,
      encoding: 'utf8',
    }).trim();
  const origin = join(dir, 'origin.git');
  const work = join(dir, 'work');
  git(dir, 'init', '-q', '--bare', origin);
  git(dir, 'init', '-q', work);
  mkdirSync(join(work, 'scripts'));
  for (const script of ['release-notes.mjs', 'release-tags.mjs'])
    copyFileSync(join(ROOT, 'scripts', script), join(work, 'scripts', script));
  const shas: Record<string, string> = {};
  for (const version of versions) {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ version }));
    writeFileSync(
      join(work, 'CHANGELOG.md'),
      `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-12-01\n\n- ${version}.\n`,
    );
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', version);
    git(work, 'tag', `v${version}`);
    shas[`v${version}`] = git(work, 'rev-parse', 'HEAD');
  }
  for (const [major, tag] of Object.entries(moved)) git(work, 'tag', major, shas[tag] ?? '');
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', 'origin', '--tags');
  return { dir, env, origin, work, tag: `v${versions.at(-1) ?? ''}`, shas, git };
}

/** The release job's `run:` steps in order, as the runner runs them; returns what `gh` was called with. */
function runReleaseJob(r: ReturnType<typeof repos>): string[] {
  const bin = join(r.dir, 'bin');
  mkdirSync(bin);
  const ghArgs = join(r.dir, 'gh-args');
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${ghArgs}'\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  const outputs: Record<string, Record<string, string>> = {};
  const resolve = (value: string) =>
    value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return outputs[output[1] ?? '']?.[output[2] ?? ''] ?? '';
      if (expression === 'github.token') return 'token';
      throw new Error(`the test does not evaluate \${{ ${expression} }}`);
    });
  for (const step of release.jobs['release']?.steps ?? []) {
    if (step.run === undefined) continue;
    if (step.if !== undefined || step.run.includes('${{')) throw new Error(`the test cannot run step ${step.run}`);
    const outputFile = join(r.dir, `output-${step.id ?? 'step'}`);
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)]));
    // The runner's bash: `bash -e` when the step names no shell, with pipefail only for `shell: bash`.
    const shell = step.shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail'] : ['-e'];
    if (step.shell !== undefined && step.shell !== 'bash') throw new Error(`the test cannot run shell ${step.shell}`);
    try {
      execFileSync('bash', [...shell, '-c', step.run], {
        cwd: r.work,
        encoding: 'utf8',
        env: {
          ...r.env,
          ...env,
          PATH: `${bin}:${process.env['PATH'] ?? ''}`,
          GITHUB_REF_NAME: r.tag,
          GITHUB_SHA: r.shas[r.tag],
          GITHUB_OUTPUT: outputFile,
          RUNNER_TEMP: r.dir,
        },
      });
    } catch (error) {
      throw new Error(`step "${step.name ?? step.run}" failed: ${String(error)}`);
    }
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
  }
  return readFileSync(ghArgs, 'utf8').trimEnd().split('\n');
}

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

  const v1 = (r: ReturnType<typeof repos>) => r.git(r.origin, 'rev-parse', 'refs/tags/v1');

  it('moves v1 to the newest 1.x.y and badges it Latest', () => {
    const r = repos(['1.2.0', '1.3.0', '1.3.1'], { v1: 'v1.3.0' });
    const gh = runReleaseJob(r);
    expect(gh.slice(0, 3)).toEqual(['release', 'create', 'v1.3.1']);
    expect(gh).toContain('--latest=true');
    expect(v1(r)).toBe(r.shas['v1.3.1']);
  });

  it('leaves v1 and Latest alone for a patch of an older minor', () => {
    const r = repos(['1.3.0', '1.2.1'], { v1: 'v1.3.0' });
    const gh = runReleaseJob(r);
    expect(v1(r)).toBe(r.shas['v1.3.0']);
    expect(gh).toContain('--latest=false');
  });

  it('stops before the release when the tags cannot be listed', () => {
    const r = repos(['1.3.0', '1.2.1'], { v1: 'v1.3.0' });
    r.git(r.work, 'remote', 'set-url', 'origin', join(r.dir, 'gone.git'));
    expect(() => runReleaseJob(r)).toThrow(/Is it the newest release/);
    expect(existsSync(join(r.dir, 'gh-args'))).toBe(false);
    expect(v1(r)).toBe(r.shas['v1.3.0']);
  });

  it('leaves v1 alone for a prerelease', () => {
    const r = repos(['1.3.0', '1.4.0-rc.1'], { v1: 'v1.3.0' });
    const gh = runReleaseJob(r);
    expect(gh).toContain('--prerelease');
    expect(v1(r)).toBe(r.shas['v1.3.0']);
  });
});
