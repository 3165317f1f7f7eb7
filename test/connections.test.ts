// Kept-alive connections of src/infisical/http.ts (an @actions/http-client keep-alive client) against raw
// loopback servers: reused while the server keeps them, replaced when it closes them or sends stray
// bytes, never reused after a malformed answer.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_IDLE_TIMEOUT_MS, MAX_TIMEOUT_MS, send } from '../src/infisical/http.js';
import { parseRequestTimeout } from '../src/inputs.js';

interface Raw {
  url: string;
  /** Connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

const servers: Raw[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that answers each request (one per data event) with `reply(socket, n)`. */
async function raw(reply: (socket: net.Socket, request: number) => void): Promise<Raw> {
  let accepted = 0;
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', () => reply(socket, ++requests));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const handle = {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(handle);
  return handle;
}

const ok = (body: string, extra = ''): string =>
  `HTTP/1.1 200 OK\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const get = (url: string) => send({ method: 'GET', url: `${url}/x`, timeoutMs: 2000 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kept-alive connections', () => {
  it('carry the next request to the same origin', async () => {
    const server = await raw((socket, n) => socket.write(ok(`answer ${n}`)));
    expect((await get(server.url)).body).toBe('answer 1');
    expect((await get(server.url)).body).toBe('answer 2');
    expect(server.connections()).toBe(1);
  });

  it('are replaced when the server says close, or closes them while idle', async () => {
    const closing = await raw((socket, n) => socket.write(ok(`answer ${n}`, 'connection: close\r\n')));
    await get(closing.url);
    expect((await get(closing.url)).body).toBe('answer 2');
    expect(closing.connections()).toBe(2);

    const idleClose = await raw((socket, n) => {
      socket.write(ok(`answer ${n}`));
      setTimeout(() => socket.end(), 20);
    });
    await get(idleClose.url);
    await pause(100);
    expect((await get(idleClose.url)).body).toBe('answer 2');
    expect(idleClose.connections()).toBe(2);
  });

  it('are replaced when the server closes them with its answer without saying so', async () => {
    const abrupt = await raw((socket, n) => socket.end(ok(`answer ${n}`)));
    for (let n = 1; n <= 10; n++) expect((await get(abrupt.url)).body).toBe(`answer ${n}`);
    expect(abrupt.connections()).toBe(10);
  });

  // Node's client drops the stray bytes or the connection (which one depends on timing): never is the
  // stray answer taken for the next call's.
  it('never hand stray bytes that arrived while idle to the next call', async () => {
    let strayed: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (strayed = resolve));
    const stray = await raw((socket, n) => {
      socket.write(ok(`answer ${n}`));
      if (n === 1) setTimeout(() => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nstale', strayed), 20);
    });
    await get(stray.url);
    await written;
    await pause(100);
    expect((await get(stray.url)).body).toBe('answer 2');
  });

  it('are not reused after an answer with bytes beyond its length', async () => {
    const extra = await raw((socket, n) => socket.write(`${ok(`answer ${n}`)}junk`));
    await get(extra.url);
    expect((await get(extra.url)).body).toBe('answer 2');
    expect(extra.connections()).toBe(2);
  });

  it('a malformed answer fails the call with one line and is never retried here', async () => {
    const broken = await raw((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: nope\r\n\r\n'));
    await expect(get(broken.url)).rejects.toMatchObject({
      message: expect.stringMatching(/^the answer is not usable: Parse Error: .*Content-Length/) as unknown,
      transient: false,
    });
  });
});

describe("the client's own idle timer", () => {
  it('never ends a request before the longest request-timeout the input accepts', () => {
    expect(parseRequestTimeout(String(MAX_TIMEOUT_MS / 1000))).toBe(MAX_TIMEOUT_MS);
    expect(() => parseRequestTimeout(String(MAX_TIMEOUT_MS / 1000 + 1))).toThrow(/from 0\.001 to 600/);
    expect(CLIENT_IDLE_TIMEOUT_MS).toBeGreaterThan(MAX_TIMEOUT_MS);
  });
});
