// HTTP/1.1 on a connected socket: one request written, one answer read. A small, strict subset of
// the protocol, enough for Infisical and GitHub's token service: bodies framed by Content-Length, by
// chunks or by the connection's close; informational (1xx) answers skipped; heads up to 64 KiB.
// Written on node:net and node:tls rather than node:http, whose loading and first request cost
// about 3.5 ms of every run (README, Performance).
import type { Duplex } from 'node:stream';

export interface Answer {
  status: number;
  /** Header names lower-cased; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The connection may carry the next request. */
  reusable: boolean;
}

/** The connection ended or failed before the whole answer arrived; `afterHead` once the head was in. */
export class CutShort extends Error {
  constructor(
    readonly afterHead: boolean,
    readonly cause?: Error,
  ) {
    super(afterHead ? 'the connection closed before the whole answer arrived' : 'socket hang up');
  }
}

/** The answer does not follow HTTP/1.1. */
export class ProtocolError extends Error {}

/** A request header the action will not send: a CR or LF in it would split the request. */
export class HeaderError extends Error {}

const MAX_HEAD = 64 * 1024;
const TOKEN = /^[!#$%&'*+.^`|~\w-]+$/;
/** Control characters other than tab, which a header value may not hold (RFC 9110, section 5.5). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\0-\x08\x0a-\x1f\x7f]/;

/** The request as bytes: the head in Latin-1, as Node writes headers, the body in UTF-8. */
export function encodeRequest(method: string, target: string, headers: Record<string, string>, body?: string): Buffer {
  const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries({
    ...headers,
    ...(payload && { 'content-length': `${payload.length}` }),
  })) {
    // A CR or LF would split the header: never send one, whatever the value's origin.
    if (!TOKEN.test(name) || /[\0\r\n]/.test(value))
      throw new HeaderError(`the header ${name} cannot be sent as it is`);
    head += `${name}: ${value}\r\n`;
  }
  const bytes = Buffer.from(`${head}\r\n`, 'latin1');
  return payload ? Buffer.concat([bytes, payload]) : bytes;
}

function parseHead(text: string): { status: number; headers: Record<string, string>; version: string } {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/(1\.[01]) ([1-9]\d\d)(?: |$)/.exec(statusLine);
  if (!status) throw new ProtocolError('the answer is not HTTP/1.1');
  // No prototype: a header named __proto__ or constructor is just a header.
  const headers = Object.create(null) as Record<string, string>;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    // Only spaces and tabs are trimmed: any other control character makes the header malformed.
    if (colon <= 0 || !TOKEN.test(name) || CONTROL.test(value))
      throw new ProtocolError('the answer has a malformed header');
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(status[2]), headers, version: status[1] };
}

/** Collects a body; `push` returns the bytes after its end (undefined while it goes on). */
interface BodyReader {
  push(data: Buffer): Buffer | undefined;
  body(): Buffer;
}

function lengthReader(length: number): BodyReader {
  const body = Buffer.allocUnsafe(length);
  let at = 0;
  return {
    push(data) {
      const take = Math.min(length - at, data.length);
      data.copy(body, at, 0, take);
      at += take;
      return at === length ? data.subarray(take) : undefined;
    },
    body: () => body,
  };
}

/** Chunked transfer coding: `size[;ext]CRLF data CRLF` ... `0 CRLF [trailers] CRLF`. */
function chunkedReader(limit: number): BodyReader {
  const parts: Buffer[] = [];
  let size = 0;
  let line: Buffer = Buffer.alloc(0); // an unfinished size, CRLF or trailer line
  let remaining = 0; // data bytes left in the current chunk, plus 2 for its CRLF
  let trailers = false;
  return {
    push(data) {
      let rest = data;
      while (rest.length > 0) {
        if (remaining > 2) {
          const take = Math.min(remaining - 2, rest.length);
          parts.push(rest.subarray(0, take));
          remaining -= take;
          rest = rest.subarray(take);
          continue;
        }
        if (remaining > 0) {
          // A chunk's data ends with CRLF: anything else means its size was wrong.
          if (rest[0] !== (remaining === 2 ? 0x0d : 0x0a)) throw new ProtocolError('the answer has a malformed chunk');
          remaining -= 1;
          rest = rest.subarray(1);
          continue;
        }
        const end = rest.indexOf('\n');
        line = Buffer.concat([line, end < 0 ? rest : rest.subarray(0, end + 1)]);
        rest = end < 0 ? Buffer.alloc(0) : rest.subarray(end + 1);
        if (end < 0) {
          if (line.length > MAX_HEAD) throw new ProtocolError('the answer has a malformed chunk');
          continue;
        }
        const text = line.toString('latin1').replace(/\r?\n$/, '');
        line = Buffer.alloc(0);
        if (trailers) {
          if (text === '') return rest;
          continue;
        }
        const hex = /^([\da-f]+)[ \t]*(?:;.*)?$/i.exec(text);
        if (!hex || hex[1].length > 8) throw new ProtocolError('the answer has a malformed chunk');
        const chunk = parseInt(hex[1], 16);
        size += chunk;
        if (size > limit) throw new ProtocolError(`the answer is larger than ${limit / 1024 / 1024} MB`);
        if (chunk === 0) trailers = true;
        else remaining = chunk + 2;
      }
      return undefined;
    },
    body: () => Buffer.concat(parts, size),
  };
}

function untilCloseReader(limit: number): BodyReader {
  const parts: Buffer[] = [];
  let size = 0;
  return {
    push(data) {
      size += data.length;
      if (size > limit) throw new ProtocolError(`the answer is larger than ${limit / 1024 / 1024} MB`);
      parts.push(data);
      return undefined;
    },
    body: () => Buffer.concat(parts, size),
  };
}

/** How the answer's body is framed (RFC 9112, section 6.3), strictly: anything unclear is refused. */
function framingFor(status: number, headers: Record<string, string>, limit: number, tunnel: boolean) {
  const framed = (reader: BodyReader, reuse = true) => ({ reader, untilClose: false, reuse });
  // The answer to CONNECT is read up to its head: after a 2xx the connection is the tunnel, and after
  // a refusal it is closed (a proxy's refusal page may have no length and stay open).
  if (status === 204 || status === 304 || tunnel) return framed(lengthReader(0));
  const coding = headers['transfer-encoding'];
  if (coding !== undefined) {
    if (!/^chunked$/i.test(coding)) throw new ProtocolError('the answer uses a transfer coding other than chunked');
    // With a Content-Length as well the chunks count, but the connection is not trusted for more.
    return framed(chunkedReader(limit), headers['content-length'] === undefined);
  }
  const length = headers['content-length'];
  // A body framed by the close cannot tell a cut connection from its end; Infisical always sends a
  // length or chunks, and the JSON such a body carries does not parse when it is cut short.
  if (length === undefined) return { reader: untilCloseReader(limit), untilClose: true, reuse: false };
  if (!/^\d{1,15}$/.test(length)) throw new ProtocolError('the answer has a malformed content-length');
  if (Number(length) > limit) throw new ProtocolError(`the answer is larger than ${limit / 1024 / 1024} MB`);
  return framed(lengthReader(Number(length)));
}

/**
 * Reads one answer from the socket (`tunnel`: the answer to CONNECT). Fails with CutShort when the
 * connection ends or fails early (the socket's own error is the cause) and with ProtocolError on a
 * malformed answer. The socket is left as it is on success and destroyed on failure.
 */
export function readAnswer(socket: Duplex, limit: number, { tunnel = false } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let pending: Buffer = Buffer.alloc(0);
    let head: ReturnType<typeof parseHead> | undefined;
    let framing: ReturnType<typeof framingFor> | undefined;

    const settle = (error?: Error, extra?: Buffer): void => {
      socket.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
      if (error || !head || !framing) return reject(error ?? new CutShort(false));
      const reusable =
        framing.reuse &&
        extra?.length === 0 &&
        head.version === '1.1' &&
        !/\bclose\b/i.test(head.headers['connection'] ?? '');
      resolve({ status: head.status, headers: head.headers, body: framing.reader.body(), reusable });
    };
    const fail = (error: Error): void => {
      socket.destroy();
      settle(error);
    };
    function onData(chunk: Buffer): void {
      try {
        let data = chunk;
        while (!framing) {
          pending = pending.length > 0 ? Buffer.concat([pending, data]) : data;
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) {
            if (pending.length > MAX_HEAD) throw new ProtocolError('the answer head is larger than 64 KiB');
            return;
          }
          const parsed = parseHead(pending.subarray(0, end).toString('latin1'));
          data = pending.subarray(end + 4);
          pending = Buffer.alloc(0);
          if (parsed.status < 200) continue; // 100 Continue, 103 Early Hints: the answer follows
          head = parsed;
          framing = framingFor(parsed.status, parsed.headers, limit, tunnel);
        }
        const extra = framing.reader.push(data);
        if (extra !== undefined) settle(undefined, extra);
      } catch (error) {
        fail(error as Error);
      }
    }
    function onEnd(): void {
      if (framing?.untilClose) settle(undefined, Buffer.alloc(0));
      else fail(new CutShort(head !== undefined));
    }
    function onError(error: Error): void {
      fail(new CutShort(head !== undefined, error));
    }
    socket.on('data', onData).once('end', onEnd).once('close', onEnd).once('error', onError);
  });
}
