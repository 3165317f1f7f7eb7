// `npm run dev-server`: prints its URL and demo credentials, and answers a login with them.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../dev-server/seed.js';
import { MACHINE_NODE, ROOT } from './run-action.js';

describe('dev server', () => {
  it('prints its URL and demo credentials and accepts them', async () => {
    const child = spawn(MACHINE_NODE, ['dev-server/index.mjs'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in: ${out}`)), 10_000);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /domain:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(out).toContain(`client-secret: ${DEMO.clientSecret}`);
      const body = new URLSearchParams({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret });
      const login = await fetch(`${url}/api/v1/auth/universal-auth/login`, { method: 'POST', body });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { accessToken?: string }).accessToken).toMatch(/^fake-token-/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
