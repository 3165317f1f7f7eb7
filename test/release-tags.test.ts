// scripts/release-tags.mjs: the release workflow moves the major tag, and badges the release "Latest", only for
// the newest release; a patch of an older line or a prerelease leaves both where they are.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePlace, tagNames } from '../scripts/release-tags.mjs';
import { ROOT } from './harness.js';

const TAGS = ['v1', 'v1.0.0', 'v1.2.0', 'v1.3.0', 'v1.10.0-rc.1', 'v2', 'v2.0.0', 'v2.1.0'];

describe('release place', () => {
  it.each([
    ['v2.1.1', 'v2', true],
    ['v2.1.0', 'v2', true],
    ['v3.0.0', 'v3', true],
    ['v1.3.1', 'v1', false],
    ['v1.10.0', 'v1', false],
    ['v1.2.1', '', false],
    ['v2.0.1', '', false],
    ['v2.2.0-rc.1', '', false],
  ])('of %s: major tag %j, latest %s', (tag, major, latest) => {
    expect(releasePlace(tag, [...TAGS, tag])).toEqual({ major, latest });
  });

  it('compares versions as numbers, not text', () => {
    expect(releasePlace('v1.10.0', ['v1.9.0', 'v1.10.0'])).toEqual({ major: 'v1', latest: true });
    expect(releasePlace('v1.9.1', ['v1.9.0', 'v1.10.0'])).toEqual({ major: '', latest: false });
  });

  it('reads git ls-remote lines, peeled ones too', () => {
    const sha = 'a'.repeat(40);
    const text = `${sha}\trefs/tags/v1\n${sha}\trefs/tags/v1.3.0\n${sha}\trefs/tags/v1.3.0^{}\nv1.4.0\n\n`;
    expect(tagNames(text)).toEqual(['v1', 'v1.3.0', 'v1.3.0', 'v1.4.0']);
  });

  const run = (tag: string, input: string) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'release-tags.mjs'), tag], { input, encoding: 'utf8' });
  const line = (tag: string) => `${'b'.repeat(40)}\trefs/tags/${tag}\n`;

  it('prints GITHUB_OUTPUT lines', () => {
    expect(run('v1.3.1', line('v1.3.0') + line('v1.3.1')).stdout).toBe('major=v1\nlatest=true\n');
    expect(run('v1.2.1', line('v1.3.0') + line('v1.2.1')).stdout).toBe('major=\nlatest=false\n');
  });

  it('fails, printing no output, when the tags read lack the tag itself (listing them failed)', () => {
    for (const input of ['', line('v1.3.0')]) {
      const result = run('v1.3.1', input);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/do not include v1\.3\.1: could not list/);
    }
  });
});
