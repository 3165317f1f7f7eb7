// A forward proxy on loopback for tests: CONNECT tunnels for https and absolute-URI forwarding for
// http. Whatever host a client asks for, it connects to the loopback upstream port it was given,
// so the action can use a made-up host name while every byte stays on loopback.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** `host:port` for CONNECT, the absolute URI otherwise. */
  target: string;
  proxyAuthorization?: string;
}

/**
 * `refuseConnect`: answer every CONNECT with this status instead of opening the tunnel. `tls`: an
 * https:// proxy, with this key and certificate. `address`: where it listens (127.0.0.1).
 */
export async function startProxy(
  upstreamPort: number,
  options: { refuseConnect?: number; tls?: { key: string; cert: string }; address?: string } = {},
) {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const record = (req: http.IncomingMessage): void => {
    seen.push({
      method: req.method ?? '',
      target: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'],
    });
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    record(req);
    if (!/^https?:\/\//.test(req.url ?? '')) return void res.writeHead(400).end('not a proxy request');
    const url = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: url.pathname + url.search, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = options.tls ? https.createServer(options.tls, handle) : http.createServer(handle);

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    record(req);
    if (options.refuseConnect)
      return void client.end(`HTTP/1.1 ${options.refuseConnect} Refused\r\ncontent-length: 0\r\n\r\n`);
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const address = options.address ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${net.isIPv6(address) ? `[${address}]` : address}:${port}`,
    port,
    seen,
    close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
