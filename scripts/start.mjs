// npm start: the action end to end on this machine, no Infisical account needed.
// Works on a fresh clone: installs dependencies when node_modules is missing, builds dist/ when it
// is missing or older than a file of src/ (sub-folders included), then runs the demo (scripts/demo.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { distIsStale } from './dist-stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function npm(...args) {
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'node_modules', 'yaml'))) {
  console.log('Installing dependencies (npm ci) ...');
  npm('ci', '--no-audit', '--no-fund');
}
if (distIsStale(root)) {
  console.log('Building dist/ from src/ ...');
  npm('run', '-s', 'build');
}
await import('./demo.mjs');
