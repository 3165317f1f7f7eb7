// Infisical's error bodies as one line, end to end through the built dist/: a 422's `message` is an
// array of validation issues (as a real server sends it, test/real-answers/), printed readably.
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { expectFailure, run, type Route } from './fault-run.js';

const answer = (name: string): string => readFileSync(new URL(`./real-answers/${name}.json`, import.meta.url), 'utf8');

describe.concurrent("a 422's validation issues are printed readably, with the reqId", () => {
  it.each([
    [
      'login',
      'a06-login-missing-secret',
      'Universal Auth login failed: HTTP 422 Unprocessable Entity: clientSecret: Required',
    ],
    [
      'login',
      'a07-login-no-body',
      'Universal Auth login failed: HTTP 422 Unprocessable Entity: Expected object, received null',
    ],
    [
      'list',
      'b18-list-recursive-invalid-bool',
      "Listing secrets failed: HTTP 422 Unprocessable Entity: recursive: Invalid enum value. Expected 'true' | 'false', received '1'",
    ],
  ] as const)('%s answering %s', async (route: Route, name, start) => {
    const body = answer(name);
    const reqId = (JSON.parse(body) as { reqId: string }).reqId;
    const r = await run(route, [{ status: 422, headers: { 'content-type': 'application/json; charset=utf-8' }, body }]);
    expectFailure(r, `${start} (reqId ${reqId})`);
  });

  it('several issues, one line', async () => {
    const issue = (field: string) => ({ code: 'invalid_type', path: [field], message: 'Required' });
    const body = JSON.stringify({
      reqId: 'req-1',
      statusCode: 422,
      message: [issue('clientId'), issue('clientSecret')],
    });
    const r = await run('login', [{ status: 422, body }]);
    expectFailure(
      r,
      'Universal Auth login failed: HTTP 422 Unprocessable Entity: clientId: Required; clientSecret: Required (reqId req-1)',
    );
  });
});
