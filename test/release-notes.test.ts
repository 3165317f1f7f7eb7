// scripts/release-notes.mjs: the release workflow's notes are the tag's CHANGELOG section, and a tag that does not
// match package.json or a missing, undated or empty section stops the release with a line saying what to fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseNotes } from '../scripts/release-notes.mjs';
import { ROOT } from './harness.js';

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- Next thing.',
  '',
  '## [1.1.0] - 2026-12-01',
  '',
  '### Fixed',
  '',
  '- A fix.',
  '',
  '## [1.0.0] - 2026-11-30',
  '',
  '- First.',
  '',
  '[1.1.0]: https://example.test/compare/v1.0.0...v1.1.0',
].join('\n');

describe('release notes', () => {
  it("are the tag's section, without its heading, up to the next section", () => {
    expect(releaseNotes('v1.1.0', CHANGELOG, '1.1.0')).toBe('### Fixed\n\n- A fix.\n');
    expect(releaseNotes('v1.0.0', CHANGELOG, '1.0.0')).toBe(
      '- First.\n\n[1.1.0]: https://example.test/compare/v1.0.0...v1.1.0\n',
    );
  });

  it.each([
    ['1.1.0', '1.1.0', /is not vMAJOR\.MINOR\.PATCH/],
    ['v1.1', '1.1', /is not vMAJOR\.MINOR\.PATCH/],
    ['v1.1.0', '1.0.0', /package\.json says version 1\.0\.0: bump package\.json first/],
    ['v1.2.0', '1.2.0', /no "## \[1\.2\.0\]" section/],
    ['v1.1.0-rc.1', '1.1.0-rc.1', /no "## \[1\.1\.0-rc\.1\]" section/],
  ])('refuse tag %s with package.json %s', (tag, version, message) => {
    expect(() => releaseNotes(tag, CHANGELOG, version)).toThrow(message);
  });

  it('refuse an undated or empty section', () => {
    expect(() => releaseNotes('v1.0.0', '## [1.0.0] - unreleased\n\n- x\n', '1.0.0')).toThrow(/needs its release date/);
    expect(() => releaseNotes('v1.0.0', '## [1.0.0] - 2026-11-30\n\n## [0.9.0] - 2026-01-01\n', '1.0.0')).toThrow(
      /empty/,
    );
  });

  it('CHANGELOG.md keeps an Unreleased section first and dates every released one', () => {
    const headings = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8').match(/^## .*$/gm) ?? [];
    expect(headings[0]).toBe('## [Unreleased]');
    for (const heading of headings.slice(1)) expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\S*\] - \d{4}-\d{2}-\d{2}$/);
  });
});
