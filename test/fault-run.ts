// One step against a fresh fake Infisical with scripted faults, for the fault tests: the outcome,
// the requests the fake saw, the retry lines, and any secret that leaked with debug on.
import { expect } from 'vitest';
import { startFake } from './fake-infisical.js';
import { errors, runStep, type StepResult } from './harness.js';
import { findLeaks } from './leaks.js';

export const CREDS = { 'client-id': 'fault-id', 'client-secret': 'fault-secret-Hq2wP9zX' };
export const VALUE = 'listed-value-Rt5yU1'; // the one secret value the fake holds
const RETRY_LINE =
  /^(Universal Auth login|Listing secrets): .+; retrying in [\d.]+ s( as retry-after asks)? \(attempt \d+ of \d+\)$/;

export type Route = 'login' | 'list';
export type Fault = Parameters<Awaited<ReturnType<typeof startFake>>['fault']>[1];
export const CALL: Record<Route, string> = { login: 'Universal Auth login', list: 'Listing secrets' };

export interface Run {
  result: StepResult;
  /** Requests the fake saw at the faulted route. */
  count: number;
  host: string;
  retryLines: string[];
  leaks: string[];
}

/** One step against a fresh fake with `faults` queued at `route`; debug on, 5 ms backoff unit. */
export async function run(
  route: Route,
  faults: Fault[],
  inputs: Record<string, string> = {},
  node?: string,
): Promise<Run> {
  const fake = await startFake({
    clientId: CREDS['client-id'],
    clientSecret: CREDS['client-secret'],
    projects: { 'proj-1': { environments: { dev: { secrets: { '/': { FOO: VALUE } } } } } },
  });
  fake.fault(route, ...faults);
  try {
    const result = await runStep({
      node,
      inputs: { ...CREDS, 'workspace-id': 'proj-1', environment: 'dev', domain: fake.url, ...inputs },
      env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1', INFISICAL_ACTION_RETRY_BASE_MS: '5' },
    });
    return {
      result,
      count: fake.count(route),
      host: new URL(fake.url).host,
      retryLines: result.stdout.split('\n').filter((line) => RETRY_LINE.test(line)),
      leaks: findLeaks(result.stdout, result.stderr, [CREDS['client-secret'], VALUE, ...fake.tokens]),
    };
  } finally {
    await fake.close();
  }
}

export function expectSuccess({ result, leaks }: Run): void {
  expect(errors(result)).toEqual([]);
  expect(result.code).toBe(0);
  expect(result.env).toEqual({ FOO: VALUE });
  expect(result.stderr).toBe('');
  expect(leaks).toEqual([]);
}

export function expectFailure({ result, leaks }: Run, message: string | RegExp): void {
  expect(result.code).toBe(1);
  const [error, ...rest] = errors(result);
  expect(rest).toEqual([]);
  if (typeof message === 'string') expect(error).toBe(message);
  else expect(error).toMatch(message);
  expect(result.envText).toBe('');
  expect(result.outputText).toBe('');
  expect(result.stderr).toBe('');
  expect(leaks).toEqual([]);
}
