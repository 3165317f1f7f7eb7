import { describe, expect, it } from 'vitest';
import { describeFailure, NetworkError } from '../src/infisical/network-errors.js';

const fault = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('describeFailure', () => {
  it('names resets, refusals and lookups by what they are, marking the transient ones', () => {
    expect(describeFailure(fault('read ECONNRESET', 'ECONNRESET'), undefined)).toMatchObject({
      message: 'connection reset',
      transient: true,
    });
    expect(describeFailure(fault('getaddrinfo ENOTFOUND x', 'ENOTFOUND'), undefined)).toMatchObject({
      message: 'host not found',
      transient: false,
    });
  });

  it("reads the tunnel agent's refusals: the proxy's status, with a hint for 407, retried for 502/503/504", () => {
    const refused = (status: number) =>
      describeFailure(fault(`tunneling socket could not be established, statusCode=${status}`), 'proxy:3128');
    expect(refused(407)).toMatchObject({
      message: 'proxy proxy:3128 refused the tunnel with HTTP 407 (check the credentials in the proxy URL)',
      transient: false,
    });
    expect(refused(503)).toMatchObject({
      message: 'proxy proxy:3128 refused the tunnel with HTTP 503',
      transient: true,
    });
    const cause = fault('tunneling socket could not be established, cause=connect ECONNREFUSED 127.0.0.1:3128');
    expect(describeFailure(cause, 'proxy:3128')).toMatchObject({ message: 'connection refused', transient: true });
  });

  it('says what to do about an untrusted certificate, and names a header Node refused without its value', () => {
    const untrusted = describeFailure(fault('self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'), undefined);
    expect(untrusted.message).toBe(
      "the server's TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); for a private CA, set ca-certificate",
    );
    const header = fault('Invalid character in header content ["x-api-key"]', 'ERR_INVALID_CHAR');
    expect(describeFailure(header, undefined).message).toBe('the header x-api-key cannot be sent as it is');
  });

  it('passes a NetworkError through as it is', () => {
    const own = new NetworkError('timed out', true);
    expect(describeFailure(own, 'proxy:3128')).toBe(own);
  });
});
