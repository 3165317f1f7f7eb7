// npm start: the action end to end on this machine, no Infisical account needed.
// Works on a fresh clone: installs dependencies when node_modules is missing, builds dist/ when it
// is missing or older than src/, then runs the demo (scripts/demo.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

function npm(...args) {
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'node_modules', 'yaml'))) {
  console.log('Installing dependencies (npm ci) ...');
  npm('ci', '--no-audit', '--no-fund');
}
const dist = join(root, 'dist', 'index.js');
const newestSource = readdirSync(join(root, 'src')).reduce(
  (t, f) => Math.max(t, statSync(join(root, 'src', f)).mtimeMs),
  0,
);
if (!existsSync(dist) || statSync(dist).mtimeMs < newestSource) {
  console.log('Building dist/ from src/ ...');
  npm('run', '-s', 'build');
}
await import('./demo.mjs');
