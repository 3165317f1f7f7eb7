import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { askMetadata } from '../src/login/metadata.js';

let hanging: http.Server;
let url: string;

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  hanging = http.createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/identity`;
});
afterAll(async () => {
  vi.restoreAllMocks();
  hanging.closeAllConnections();
  await new Promise((resolve) => hanging.close(resolve));
});

const call = () => ({ name: 'Getting the token', url, headers: {}, hint: 'Run on the cloud.' });

describe('askMetadata', () => {
  it('gives up after its own 5 s deadline, however long request-timeout is, and says what is lacking', async () => {
    const conn = { domain: 'https://infisical.example', timeoutMs: 30_000, retry: { retries: 0, unitMs: 1 } };
    await expect(askMetadata(conn, call())).rejects.toThrow(
      /^Getting the token failed: the metadata deadline of 5 s passed without a complete answer \(127\.0\.0\.1:\d+\)\. Run on the cloud\.$/,
    );
  }, 10_000);

  it('a service answering 503 gets its own hint, not one about Infisical', async () => {
    const busy = http.createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(busy.address() as AddressInfo).port}/identity`;
    const conn = { domain: '', timeoutMs: 1000, retry: { retries: 0, unitMs: 1 } };
    const failure = askMetadata(conn, { ...call(), url: at });
    await expect(failure).rejects.toThrow(
      /^Getting the token failed: HTTP 503 Service Unavailable\. Run on the cloud\.$/,
    );
    busy.closeAllConnections();
    await new Promise((resolve) => busy.close(resolve));
  });

  it('keeps a shorter request-timeout', async () => {
    const conn = { domain: '', timeoutMs: 100, retry: { retries: 0, unitMs: 1 } };
    await expect(askMetadata(conn, call())).rejects.toThrow(/the metadata deadline of 0\.1 s passed/);
  });
});
