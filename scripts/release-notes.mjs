// node scripts/release-notes.mjs vX.Y.Z: prints the release notes of that version, its CHANGELOG.md section
// (Keep a Changelog: `## [X.Y.Z] - date` up to the next `## `), for the release workflow. Fails with one line
// when the tag is not vX.Y.Z[-pre], package.json's version differs, or the section is missing, undated or empty.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The notes for `tag`, or throws an Error saying what to fix. */
export function releaseNotes(tag, changelog, packageVersion) {
  const match = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag);
  if (!match) throw new Error(`tag ${JSON.stringify(tag)} is not vMAJOR.MINOR.PATCH (optionally -prerelease)`);
  const version = match[1];
  if (version !== packageVersion) {
    throw new Error(`tag ${tag} but package.json says version ${packageVersion}: bump package.json first`);
  }
  const lines = changelog.split(/\r?\n/);
  const heading = (line) => line.startsWith('## [') && line.slice(4).startsWith(`${version}]`);
  const start = lines.findIndex(heading);
  if (start < 0) throw new Error(`CHANGELOG.md has no "## [${version}]" section: move Unreleased there`);
  if (!/^## \[[^\]]+\] - \d{4}-\d{2}-\d{2}$/.test(lines[start] ?? '')) {
    throw new Error(`CHANGELOG.md's "## [${version}]" heading needs its release date: "## [${version}] - YYYY-MM-DD"`);
  }
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
  if (body === '') throw new Error(`CHANGELOG.md's section ${version} is empty`);
  return `${body}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('..', import.meta.url);
  try {
    const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');
    const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    process.stdout.write(releaseNotes(process.argv[2] ?? '', changelog, version));
  } catch (error) {
    console.error(`release-notes: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
