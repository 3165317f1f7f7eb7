#!/usr/bin/env node
// Sets up a FRESH self-hosted Infisical (no admin yet) through its REST API only, for the action's end-to-end
// test: the first admin and organization (POST /api/v1/admin/bootstrap), a project with the secrets, folder and
// import of data.mjs, and a machine identity with Universal Auth that can read the project (viewer).
// Plain Node 20+, no dependencies. See docs/real-infisical.md.
//
//   node test/real-infisical/bootstrap.mjs http://127.0.0.1:8080
//
// Waits up to 180 s for the instance to answer. Prints what it created: in GitHub Actions (GITHUB_OUTPUT set)
// as step outputs client-id, client-secret, project-id and identity-id, the credentials masked first;
// elsewhere as NAME=value lines on stdout. Errors name the call, its status and Infisical's message.
import { appendFileSync } from 'node:fs';
import { IMPORT, SECRETS } from './data.mjs';

const ADMIN = { email: 'admin@example.com', password: 'Admin-Passw0rd!-e2e', organization: 'action-e2e-org' };
const TIMEOUT_MS = 30_000;

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

/** The instance's base URL from the arguments: http(s), no query or fragment, without trailing slashes. */
function baseUrl(arg) {
  let url;
  try {
    url = new URL(arg ?? '');
  } catch {
    fail('usage: node test/real-infisical/bootstrap.mjs <Infisical URL, e.g. http://127.0.0.1:8080>');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    fail(`the URL must be http(s)://host[:port][/path] without credentials, query or fragment`);
  }
  return url.href.replace(/\/+$/, '');
}

async function waitUntilUp(base, seconds) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/status`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) fail(`${base}/api/status did not answer 200 within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** One JSON call; returns the parsed answer, or fails naming the call, its status and Infisical's message. */
async function call(base, token, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const message = JSON.stringify(json?.message ?? text.slice(0, 200));
    let hint = '';
    if (path === '/api/v1/admin/bootstrap' && res.status === 400)
      hint = ' (is the instance fresh? it needs no admin yet)';
    if (/max age/i.test(message)) {
      hint =
        ' (set LEGACY_IDENTITY_ACCESS_TOKEN_EXPIRATION_ENFORCED_AT on the server to today, see docs/real-infisical.md)';
    }
    fail(`${method} ${path} -> ${res.status}: ${message}${hint}`);
  }
  return json;
}

/** The string `value`, or fails naming the missing field of an answer. */
function field(what, value) {
  if (typeof value !== 'string' || value === '') fail(`the answer has no ${what}`);
  return value;
}

async function bootstrap(base) {
  const boot = await call(base, null, 'POST', '/api/v1/admin/bootstrap', ADMIN);
  const token = field('identity.credentials.token', boot?.identity?.credentials?.token);
  const orgId = field('organization.id', boot?.organization?.id);
  const api = (method, path, body) => call(base, token, method, path, body);

  const project = await api('POST', '/api/v1/projects', { projectName: 'action-e2e', slug: 'action-e2e' });
  const projectId = field('project.id', project?.project?.id);

  for (const [environment, folders] of Object.entries(SECRETS)) {
    for (const [path, secrets] of Object.entries(folders)) {
      if (path !== '/') {
        const name = path.slice(path.lastIndexOf('/') + 1);
        const parent = path.slice(0, path.lastIndexOf('/')) || '/';
        await api('POST', '/api/v2/folders', { projectId, environment, name, path: parent });
      }
      for (const [key, value] of Object.entries(secrets)) {
        const body = { projectId, environment, secretPath: path, secretValue: value, type: 'shared' };
        await api('POST', `/api/v4/secrets/${encodeURIComponent(key)}`, body);
      }
    }
  }
  await api('POST', '/api/v2/secret-imports', { projectId, ...IMPORT.into, import: IMPORT.from });

  const identity = await api('POST', '/api/v1/identities', {
    name: 'action-e2e',
    organizationId: orgId,
    role: 'no-access',
  });
  const identityId = field('identity.id', identity?.identity?.id);
  const ua = await api('POST', `/api/v1/auth/universal-auth/identities/${identityId}`, {});
  const clientId = field('identityUniversalAuth.clientId', ua?.identityUniversalAuth?.clientId);
  const secret = await api('POST', `/api/v1/auth/universal-auth/identities/${identityId}/client-secrets`, {
    description: 'action-e2e',
  });
  const clientSecret = field('clientSecret', secret?.clientSecret);
  await api('POST', `/api/v1/projects/${projectId}/memberships/identities/${identityId}`, {
    roles: [{ role: 'viewer' }],
  });
  return { 'client-id': clientId, 'client-secret': clientSecret, 'project-id': projectId, 'identity-id': identityId };
}

function report(created) {
  const outputFile = process.env.GITHUB_OUTPUT;
  if (!outputFile) {
    for (const [name, value] of Object.entries(created)) console.log(`${name}=${value}`);
    return;
  }
  if (Object.values(created).some((value) => /[\r\n]/.test(value))) fail('an id or credential has a line break');
  // Masks first, so that no later log line shows them; then the outputs (single-line values).
  console.log(`::add-mask::${created['client-id']}`);
  console.log(`::add-mask::${created['client-secret']}`);
  appendFileSync(
    outputFile,
    Object.entries(created)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  console.log(`bootstrap done: project ${created['project-id']}, identity ${created['identity-id']}`);
}

const base = baseUrl(process.argv[2]);
await waitUntilUp(base, 180);
report(await bootstrap(base));
