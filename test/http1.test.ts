// HTTP/1.1 framing, fed byte-exact through an in-memory stream: every way a body can be framed,
// answers split at every byte, and the malformed or cut-short answers that must fail.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CutShort, encodeRequest, HeaderError, ProtocolError, readAnswer } from '../src/http1.js';

const LIMIT = 1024 * 1024;

/** Feeds `parts` into a fresh stream, then ends it when `end` is set; returns readAnswer's promise. */
function answer(parts: Array<string | Buffer>, { end = false, tunnel = false } = {}) {
  const stream = new PassThrough();
  const read = readAnswer(stream, LIMIT, { tunnel });
  for (const part of parts) stream.write(part);
  if (end) stream.end();
  return { stream, read };
}

const text = async (parts: Array<string | Buffer>, options?: { end?: boolean }) => {
  const { status, headers, body, reusable } = await answer(parts, options).read;
  return { status, headers, body: body.toString('utf8'), reusable };
};

// The third chunk is 10 bytes of UTF-8: "ö" takes two.
const CHUNKED = Buffer.from(
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Two: a\r\nx-two: b\r\n\r\n' +
    '5;ext=1\r\nhello\r\n1\r\n \r\nA\r\nw\u00f6rld-012\r\n0\r\nTrailer: t\r\n\r\n',
  'utf8',
);

describe('readAnswer', () => {
  it('reads a Content-Length body and keeps the connection', async () => {
    expect(await text(['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: x\r\n\r\nhello'])).toEqual({
      status: 200,
      headers: { 'content-length': '5', 'content-type': 'x' },
      body: 'hello',
      reusable: true,
    });
  });

  it('reads chunks with extensions and trailers, joining repeated headers', async () => {
    const result = await text([CHUNKED]);
    expect(result.body).toBe('hello w\u00f6rld-012');
    expect(result.headers['x-two']).toBe('a, b');
    expect(result.reusable).toBe(true);
  });

  it('gives the same answer however the bytes are split', async () => {
    const raw = CHUNKED;
    const whole = await text([raw]);
    for (let cut = 1; cut < raw.length; cut++) {
      expect(await text([raw.subarray(0, cut), raw.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    const byByte = Array.from(raw, (byte) => Buffer.from([byte]));
    expect(await text(byByte)).toEqual(whole);
  });

  it('takes __proto__ and constructor as plain header names', async () => {
    const result = await text(['HTTP/1.1 200 OK\r\n__proto__: a\r\nConstructor: b\r\nContent-Length: 0\r\n\r\n']);
    expect(Object.entries(result.headers)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['content-length', '0'],
    ]);
    expect(Object.getPrototypeOf(result.headers)).toBeNull();
  });

  it('skips informational answers', async () => {
    const result = await text([
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n',
      'HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
    ]);
    expect([result.status, result.body, result.headers]).toEqual([201, 'ok', { 'content-length': '2' }]);
  });

  it('reads a body up to the close when nothing frames it, and then drops the connection', async () => {
    const result = await text(['HTTP/1.1 200 OK\r\n\r\nall ', 'of it'], { end: true });
    expect([result.body, result.reusable]).toEqual(['all of it', false]);
  });

  it('takes 204 and the answer to CONNECT as bodiless', async () => {
    expect(await text(['HTTP/1.1 204 No Content\r\n\r\n'])).toMatchObject({ status: 204, body: '', reusable: true });
    const tunnel = await answer(['HTTP/1.1 200 Connection Established\r\n\r\n'], { tunnel: true }).read;
    expect([tunnel.status, tunnel.body.length]).toEqual([200, 0]);
    // A refusal is read up to its head: the proxy may send a page of no length and keep the connection.
    const refused = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n<html>';
    expect((await answer([refused], { tunnel: true }).read).status).toBe(407);
  });

  it('does not reuse a connection the server closes, an HTTP/1.0 one, one with bytes left over or two framings', async () => {
    expect((await text(['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'])).reusable).toBe(false);
    expect((await text(['HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'])).reusable).toBe(false);
    expect((await text(['HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy'])).reusable).toBe(false);
    const both = 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n';
    expect(await text([both])).toMatchObject({ body: 'ok', reusable: false });
  });

  it.each([
    ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n', /not HTTP\/1\.1/],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nBroken\r\n\r\n', /malformed header/],
    ['a folded header', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n', /malformed header/],
    ['a control character in a header', 'HTTP/1.1 200 OK\r\nContent-Length: \x0b2\r\n\r\nok', /malformed header/],
    ['a bare CR in a header', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n', /malformed header/],
    [
      'a length padded with a no-break space (byte A0)',
      Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\u00a0\r\n\r\nok', 'latin1'),
      /malformed content-length/,
    ],
    ['two lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', /malformed content-length/],
    ['a negative length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /malformed content-length/],
    ['a length over the limit', `HTTP/1.1 200 OK\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`, /larger than 1 MB/],
    [
      'another transfer coding',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n',
      /transfer coding other than chunked/,
    ],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /malformed chunk/],
    [
      'a chunk whose data does not end with CRLF',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXY0\r\n\r\n',
      /malformed chunk/,
    ],
    [
      'chunks over the limit',
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(LIMIT + 1).toString(16)}\r\n`,
      /larger than 1 MB/,
    ],
  ])('refuses %s and closes the connection', async (_what, raw, message) => {
    const { stream, read } = answer([raw]);
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toBeInstanceOf(ProtocolError);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses a head larger than 64 KiB', async () => {
    const { read } = answer([`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`]);
    await expect(read).rejects.toThrow(/head is larger than 64 KiB/);
  });

  it('names a connection that ends before the head, and one that ends inside the body', async () => {
    const early = answer(['HTTP/1.1 200 O'], { end: true }).read;
    await expect(early).rejects.toThrow(new CutShort(false));
    await expect(early).rejects.toThrow('socket hang up');
    const late = answer(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort'], { end: true }).read;
    await expect(late).rejects.toThrow('the connection closed before the whole answer arrived');
    const chunked = answer(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'], { end: true }).read;
    await expect(chunked).rejects.toMatchObject({ afterHead: true });
  });

  it('keeps the socket error as the cause', async () => {
    const { stream, read } = answer(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n']);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    stream.destroy(reset);
    await expect(read).rejects.toMatchObject({ afterHead: true, cause: reset });
  });
});

describe('encodeRequest', () => {
  it('writes the head in Latin-1 with the body length, then the body in UTF-8', () => {
    const bytes = encodeRequest('POST', '/a?b=c', { host: 'h:1', 'x-l': 'caf\u00e9' }, 'w\u00f6rld');
    const head = 'POST /a?b=c HTTP/1.1\r\nhost: h:1\r\nx-l: caf\u00e9\r\ncontent-length: 6\r\n\r\n';
    expect(bytes.equals(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from('w\u00f6rld', 'utf8')]))).toBe(true);
    expect(encodeRequest('GET', '/', { host: 'h' }).toString('latin1')).toBe('GET / HTTP/1.1\r\nhost: h\r\n\r\n');
  });

  it.each([
    ['a CR LF in a value', { authorization: 'Bearer x\r\nX-Injected: 1' }],
    ['a NUL in a value', { a: 'x\0' }],
    ['a space in a name', { 'bad name': 'x' }],
  ])('refuses %s, naming the header but never its value', (_what, headers) => {
    expect(() => encodeRequest('GET', '/', headers)).toThrow(HeaderError);
    try {
      encodeRequest('GET', '/', headers);
    } catch (error) {
      expect((error as Error).message).toMatch(/^the header .+ cannot be sent as it is$/);
      expect((error as Error).message).not.toContain('Bearer');
    }
  });
});
