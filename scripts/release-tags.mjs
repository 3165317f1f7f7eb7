// git ls-remote --tags origin | node scripts/release-tags.mjs vX.Y.Z: where the release of that tag goes, as
// GITHUB_OUTPUT lines for the release workflow. `major=vX` when it is the newest release of its major (else
// empty: a patch of an older minor, v1.2.1 after v1.3.0, must not move `v1` back and take 1.3's features from
// `@v1` users), `latest=true` when it is the newest release of all (else false: GitHub would badge the backport
// "Latest"). A prerelease moves nothing. Reads the existing tags from stdin, as `git ls-remote` lines or names.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** [major, minor, patch] of a release tag vX.Y.Z, or undefined for a prerelease or another name. */
const release = (tag) => /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag)?.slice(1).map(Number);
const older = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** `{ major, latest }` for `tag` among `existing` tag names (which may hold `tag` itself). */
export function releasePlace(tag, existing) {
  const own = release(tag);
  if (!own) return { major: '', latest: false };
  const others = existing.map(release).filter((version) => version !== undefined);
  const newest = (versions) => versions.every((version) => older(version, own) <= 0);
  return {
    major: newest(others.filter((version) => version[0] === own[0])) ? `v${own[0]}` : '',
    latest: newest(others),
  };
}

/** Tag names from `git ls-remote --tags` output (`<sha>\trefs/tags/<name>`, peeled `^{}` lines too) or bare names. */
export function tagNames(text) {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim().split(/\s+/).pop() ?? '').replace(/^refs\/tags\//, '').replace(/\^\{\}$/, ''))
    .filter((name) => name !== '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tag = process.argv[2] ?? '';
  const existing = tagNames(readFileSync(0, 'utf8'));
  // The list holds the pushed tag itself unless reading the tags failed: then nothing may move.
  if (!existing.includes(tag)) {
    console.error(`release-tags: the tags read do not include ${tag}: could not list the repository's tags`);
    process.exit(1);
  }
  const { major, latest } = releasePlace(tag, existing);
  process.stdout.write(`major=${major}\nlatest=${latest}\n`);
}
