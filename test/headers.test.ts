// End to end: extra-headers (for example an access gateway in front of Infisical) go on every call,
// retries included, masked before anything is printed; a bad line fails naming it, never the value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, demoInputs, errors, runStep, startDemoFake, type Fake } from './harness.js';
import { findLeaks } from './leaks.js';

const CF_ID = 'cf-id-Pq4rT6.access';
const CF_SECRET = 'cf-secret-Zx9cV8bN';
const HEADERS = `CF-Access-Client-Id: ${CF_ID}\nCF-Access-Client-Secret: ${CF_SECRET}`;

let fake: Fake;
beforeAll(async () => {
  fake = await startDemoFake({ dev: { secrets: { '/': { FOO: 'gateway-value-Hn3' } } } });
});
afterAll(() => fake.close());

const step = (inputs: Record<string, string>) =>
  runStep({
    inputs: demoInputs(fake.url, inputs),
    env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', INFISICAL_ACTION_RETRY_BASE_MS: '5' },
  });

describe('extra headers', () => {
  it('are sent on every call, retries included, and their values are masked before any other line', async () => {
    fake.fault('login', { status: 503 });
    const before = fake.requests.length;
    const result = await step({ 'extra-headers': HEADERS });
    expect(errors(result)).toEqual([]);
    expect(result.env).toEqual({ FOO: 'gateway-value-Hn3' });
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.route)).toEqual(['login', 'login', 'list']);
    for (const request of sent) {
      expect(request.headers['cf-access-client-id']).toBe(CF_ID);
      expect(request.headers['cf-access-client-secret']).toBe(CF_SECRET);
    }
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '::add-mask::demo-client-secret',
      `::add-mask::${CF_ID}`,
      `::add-mask::${CF_SECRET}`,
    ]);
    const secrets = [CF_ID, CF_SECRET, 'demo-client-secret', 'gateway-value-Hn3', ...fake.tokens];
    expect(findLeaks(result.stdout, result.stderr, secrets)).toEqual([]);
  });

  it.each([
    [
      { 'extra-headers': `X-Ok: 1\nno colon ${CF_SECRET}` },
      'extra-headers line 2 must be "Name: value", with a header name of letters, digits and -',
    ],
    [
      { 'extra-headers': `Authorization: Bearer ${CF_SECRET}` },
      'extra-headers line 1 sets Authorization, which the action sets itself: remove it',
    ],
  ])('bad extra-headers %j fail before any request, naming the line, never the value', async (inputs, message) => {
    const before = fake.requests.length;
    const result = await step(inputs);
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([message]);
    expect(commands(result.stdout, 'error').join('\n')).not.toContain(CF_SECRET);
    expect(fake.requests.length).toBe(before);
    expect(result.envText).toBe('');
  });
});
