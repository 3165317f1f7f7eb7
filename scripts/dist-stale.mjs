// Whether dist/ must be rebuilt before `npm start` runs it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when dist/index.js is missing or older than an entry of src/, at any depth: a folder's own time
 * changes only when an entry is added or removed, not when a file in it is edited.
 */
export function distIsStale(root) {
  const dist = join(root, 'dist', 'index.js');
  const src = join(root, 'src');
  const entries = readdirSync(src, { recursive: true });
  const newestSource = entries.reduce((t, f) => Math.max(t, statSync(join(src, f)).mtimeMs), 0);
  return !existsSync(dist) || statSync(dist).mtimeMs < newestSource;
}
