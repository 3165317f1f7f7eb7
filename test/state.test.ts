import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '../src/post.js';
import { isPost, markMainStarted, savedToken, saveToken } from '../src/state.js';
import type { Settings } from '../src/inputs.js';
import { parseFileCommands } from './runner-files.js';

const settings = {
  domain: 'https://infisical.example',
  retries: 2,
  requestTimeoutMs: 5000,
  caCertificates: [],
  extraHeaders: { 'cf-access-client-id': 'x' },
  revokeToken: true,
} as unknown as Settings;

/** Saves state into a fresh file and hands it back as the runner would: STATE_<name>. */
function roundTrip(save: () => void): void {
  const file = join(mkdtempSync(join(tmpdir(), 'state-')), 'state');
  writeFileSync(file, '');
  vi.stubEnv('GITHUB_STATE', file);
  save();
  for (const [name, value] of Object.entries(parseFileCommands(readFileSync(file, 'utf8'))))
    vi.stubEnv(`STATE_${name}`, value);
}

afterEach(() => vi.unstubAllEnvs());

describe('state shared by main and post', () => {
  it('marks the post step', () => {
    expect(isPost()).toBe(false);
    roundTrip(markMainStarted);
    expect(isPost()).toBe(true);
  });

  it('hands the token and the network settings to post', () => {
    roundTrip(() => saveToken('tok-1', settings));
    expect(savedToken()).toEqual({
      token: 'tok-1',
      network: {
        domain: 'https://infisical.example',
        retries: 2,
        requestTimeoutMs: 5000,
        caCertificates: [],
        extraHeaders: { 'cf-access-client-id': 'x' },
      },
    });
  });

  it('hands no token to post with revoke-token false', () => {
    roundTrip(() => saveToken('tok-1', { ...settings, revokeToken: false }));
    expect(savedToken()).toBeUndefined();
  });

  it('post does nothing and prints nothing when main saved no token', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    await cleanup();
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });
});
