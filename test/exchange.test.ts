import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLogin } from '../src/login/exchange.js';

afterEach(() => vi.restoreAllMocks());

describe('readLogin', () => {
  it('masks the token the moment it is read', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(readLogin('Universal Auth login', { accessToken: 'tok-123456', expiresIn: 7200 })).toEqual({
      accessToken: 'tok-123456',
      expiresIn: 7200,
      revocable: true,
    });
    expect(write).toHaveBeenCalledWith('::add-mask::tok-123456\n');
  });

  it.each([{}, { accessToken: '' }, { accessToken: 42 }, null, 'text'])(
    'refuses an answer without a token: %j',
    (body) => {
      expect(() => readLogin('OIDC login', body)).toThrow(
        'OIDC login failed: the answer has no accessToken (check domain points at Infisical)',
      );
    },
  );
});
