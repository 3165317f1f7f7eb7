// Main: arms the post step (state armed=true). Post: reads the token from INPUT_TOKEN-FILE and fails unless a
// secrets list with it is refused with 401, that is unless the action's post step revoked it.
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? '';

if (process.env['STATE_armed'] !== 'true') {
  appendFileSync(process.env['GITHUB_STATE'] ?? '', 'armed=true\n');
  console.log(`armed: the post step will check the token written to ${input('token-file')}`);
} else {
  const file = input('token-file');
  if (!existsSync(file)) {
    console.log(`::error::no token in ${file}: the steps before did not get one`);
    process.exit(1);
  }
  const token = readFileSync(file, 'utf8').trim();
  rmSync(file);
  const query = new URLSearchParams({ workspaceId: input('project-id'), environment: 'dev' });
  const res = await fetch(`${input('domain').replace(/\/+$/, '')}/api/v3/secrets/raw?${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  if (res.status !== 401) {
    console.log(`::error::the access token is still accepted after the post step (HTTP ${res.status}): not revoked`);
    process.exit(1);
  }
  console.log('the access token is refused (401) after the post step: revoked');
}
