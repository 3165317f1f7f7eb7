// request-timeout bounds the whole exchange, whatever the other side does: a server that trickles
// its answer a byte at a time, and a proxy that accepts CONNECT and never answers, both end at the
// deadline, and the step's process then exits (runStep kills it after 10 s otherwise). The GitHub
// ID token (through core's own client) gets request-timeout × attempts.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, runStep } from './harness.js';

let trickler: net.Server;
let silentProxy: net.Server;
const sockets = new Set<net.Socket>();
const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

function listen(onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    onConnection(socket);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  // Answers the head at once, then one byte of a 100-byte body every 50 ms: never idle, never done.
  trickler = await listen((socket) =>
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n');
      const timer = setInterval(() => socket.write(' '), 50);
      socket.on('close', () => clearInterval(timer));
    }),
  );
  silentProxy = await listen(() => undefined);
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  trickler.close();
  silentProxy.close();
});

const inputs = (domain: string) => ({
  'client-id': 'id',
  'client-secret': 'secret-Tr1ckle',
  'workspace-id': 'p',
  environment: 'dev',
  domain,
  'request-timeout': '0.5',
  retries: '0',
});

describe('request-timeout', () => {
  it('ends an answer trickled a byte at a time, and the step exits', async () => {
    const started = Date.now();
    const result = await runStep({ inputs: inputs(`http://127.0.0.1:${portOf(trickler)}`), timeoutMs: 10_000 });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      `Universal Auth login failed: request-timeout of 0.5 s passed without a complete answer (127.0.0.1:${portOf(trickler)})`,
    ]);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('ends a GitHub ID token request that is never answered, and the step exits despite core holding it', async () => {
    const started = Date.now();
    const result = await runStep({
      inputs: {
        ...inputs('http://127.0.0.1:9'),
        method: 'oidc',
        'identity-id': '1d1d1d1d-0000-4000-8000-000000000001',
        retries: '1',
      },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${portOf(silentProxy)}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-Hq7',
      },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      'Getting the GitHub ID token failed: no answer within 1 s (request-timeout × attempts)',
    ]);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('ends a CONNECT the proxy never answers, and the step exits', async () => {
    const proxy = `127.0.0.1:${portOf(silentProxy)}`;
    const result = await runStep({
      inputs: inputs('https://infisical.internal.test'),
      env: { https_proxy: `http://${proxy}`, no_proxy: undefined, NO_PROXY: undefined },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      `Universal Auth login failed: request-timeout of 0.5 s passed without a complete answer (infisical.internal.test via proxy ${proxy})`,
    ]);
  });
});
