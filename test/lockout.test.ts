// Infisical locks an identity after 3 failed logins within 30 s, for 5 minutes; from the 4th try
// even the right secret is refused. Each failed login is one request (a 401 is never retried), and
// the locked answer gets a hint of its own. The fake locks as the recorded real server does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, runStep, type Fake } from './harness.js';
import { startFake } from './fake-infisical.js';
import { findLeaks } from './leaks.js';

let fake: Fake;
const CREDS = { 'client-id': 'lock-id', 'client-secret': 'lock-secret-Pw9' };
beforeAll(async () => {
  fake = await startFake({
    clientId: CREDS['client-id'],
    clientSecret: CREDS['client-secret'],
    projects: { p: { environments: { dev: { secrets: { '/': { FOO: 'BAR' } } } } } },
  });
});
afterAll(() => fake.close());

const step = (secret: string) =>
  runStep({ inputs: { ...CREDS, 'client-secret': secret, 'workspace-id': 'p', environment: 'dev', domain: fake.url } });

describe('a locked identity', () => {
  it('is named as locked, with what to do, after three failed logins; one request per try', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const failed = await step('wrong-secret-Kq1');
      expect(errors(failed)).toEqual([
        expect.stringMatching(/: Invalid credentials .*Check client-id and client-secret/),
      ]);
    }
    expect(fake.count('login')).toBe(3);
    const locked = await step(CREDS['client-secret']);
    expect(errors(locked)).toEqual([
      expect.stringMatching(
        /^Universal Auth login failed: HTTP 401 Unauthorized: This identity auth method is temporarily locked, please try again later \(reqId req-[\w-]+\)\. Failed logins locked this identity for 5 minutes \(even the right client-secret is refused meanwhile\): check client-id and client-secret, then re-run after the lock ends$/,
      ),
    ]);
    expect(fake.count('login')).toBe(4);
    expect(findLeaks(locked.stdout, locked.stderr, [CREDS['client-secret'], 'wrong-secret-Kq1'])).toEqual([]);
  });
});
