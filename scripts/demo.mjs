// The demo behind `npm start` (scripts/start.mjs installs and builds first): starts the embedded
// dev server (the test fake with the demo seed) unless INFISICAL_DOMAIN points at a real instance,
// runs dist/index.js as the runner does (main, then post with main's state) and prints what a
// workflow would see.
import { existsSync } from 'node:fs';
import { DEMO, SEED } from '../dev-server/seed.js';
import { startFake } from '../test/fake-infisical.js';
import { NODE24, runMainAndPost } from '../test/run-action.js';

/** Inputs for a real instance from INFISICAL_* variables, or undefined for the embedded server. */
function realInputs(env) {
  if (!env.INFISICAL_DOMAIN) return undefined;
  const need = ['INFISICAL_CLIENT_ID', 'INFISICAL_CLIENT_SECRET', 'INFISICAL_WORKSPACE_ID', 'INFISICAL_ENVIRONMENT'];
  const missing = need.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`INFISICAL_DOMAIN is set: also set ${missing.join(', ')}`);
  return {
    domain: env.INFISICAL_DOMAIN,
    'client-id': env.INFISICAL_CLIENT_ID,
    'client-secret': env.INFISICAL_CLIENT_SECRET,
    'workspace-id': env.INFISICAL_WORKSPACE_ID,
    environment: env.INFISICAL_ENVIRONMENT,
    'secret-path': env.INFISICAL_SECRET_PATH ?? '/',
    recursive: env.INFISICAL_RECURSIVE ?? 'false',
  };
}

const decode = (data) => data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** The log as the runner shows it: masks registered by ::add-mask:: replace values in later lines. */
export function runnerView(stdout, debug = false) {
  const masks = [];
  const shown = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) {
      const value = decode(line.slice('::add-mask::'.length));
      masks.push(value, ...value.split(/\r\n|\n|\r/).filter((part) => part.trim() !== ''));
      masks.sort((a, b) => b.length - a.length);
      continue;
    }
    const command = /^::(debug|notice|warning|error)(?: [^:]*)?::(.*)$/.exec(line);
    if (command?.[1] === 'debug' && !debug) continue;
    let text = command ? `${command[1][0].toUpperCase()}${command[1].slice(1)}: ${decode(command[2])}` : line;
    for (const mask of masks) if (mask.trim() !== '') text = text.split(mask).join('***');
    if (text !== '') shown.push(text);
  }
  return { lines: shown, mask: (text) => masks.reduce((t, m) => (m.trim() === '' ? t : t.split(m).join('***')), text) };
}

function print(title, lines) {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);
  for (const line of lines.length > 0 ? lines : ['(nothing)']) console.log(`  ${line}`);
}

async function main() {
  const real = realInputs(process.env);
  const server = real
    ? undefined
    : await startFake({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, projects: SEED });
  const inputs = real ?? {
    domain: server.url,
    'client-id': DEMO.clientId,
    'client-secret': DEMO.clientSecret,
    'workspace-id': DEMO.workspaceId,
    environment: DEMO.environment,
    recursive: 'true',
    'export-type': 'both',
  };
  console.log(
    real
      ? `Running the action against ${real.domain}`
      : `Running the action against the embedded dev server ${server.url}`,
  );
  const node = existsSync(NODE24) ? NODE24 : process.execPath;
  try {
    const { main, post } = await runMainAndPost({ node, inputs, env: { RUNNER_DEBUG: process.env.RUNNER_DEBUG } });
    const view = runnerView(main.stdout, process.env.RUNNER_DEBUG === '1');
    print('main step log', view.lines);
    print(
      'environment variables for later steps',
      Object.entries(main.env).map(([k, v]) => `${k}=${view.mask(v)}`),
    );
    print(
      'step outputs',
      Object.entries(main.outputs).map(([k, v]) => `${k}=${view.mask(v)}`),
    );
    print('job summary', main.summary.trim().split('\n').filter(Boolean));
    print('post step log', runnerView(post.stdout).lines);
    const failed = main.code !== 0 || post.code !== 0;
    console.log(failed ? '\nThe action failed (see the error above).' : '\nThe action succeeded.');
    process.exitCode = failed ? 1 : 0;
  } finally {
    await server?.close();
  }
}

await main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
