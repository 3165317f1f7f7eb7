// Infisical's error bodies as one line, end to end through the built dist/: a 422's `message` is an
// array of validation issues (as a real server sends it, test/real-answers/), printed readably.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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

// allowRedirects is off (a login POST must not be replayed elsewhere): a 3xx says where it points,
// without the query (a login page's return URL and state), so the user can fix domain.
describe.concurrent('a redirect names where it points', () => {
  const follow =
    'which the action does not follow: point domain at Infisical itself, or add the extra-headers an access gateway needs';
  it.each([
    [
      'login',
      301,
      'https://infisical.example.com/api/v1/auth/universal-auth/login',
      '',
      'Universal Auth login failed: HTTP 301 Moved Permanently. Redirected to https://infisical.example.com/api/v1/auth/universal-auth/login, ',
    ],
    [
      'list',
      302,
      'https://sso.example.com/login?return=%2Fapi&state=st-Qw1#top',
      '<html>Redirecting</html>',
      'Listing secrets failed: HTTP 302 Found (the body is HTML, not Infisical JSON: a proxy or load balancer answered?). Redirected to https://sso.example.com/login, ',
    ],
    [
      'list',
      307,
      '/cdn-cgi/access/login?x=1',
      '',
      'Listing secrets failed: HTTP 307 Temporary Redirect. Redirected to /cdn-cgi/access/login, ',
    ],
    [
      // Scheme-relative: another host, with the scheme of the request.
      'list',
      302,
      '//sso.example.com/login?state=st-Qw1',
      '',
      'Listing secrets failed: HTTP 302 Found. Redirected to //sso.example.com/login, ',
    ],
  ] as const)('%s answering %d', async (route: Route, status, location, body, start) => {
    const r = await run(route, [{ status, headers: { location, 'content-type': 'text/html' }, body }]);
    expectFailure(r, `${start}${follow}`);
    expect(r.count).toBe(1);
  });
});
