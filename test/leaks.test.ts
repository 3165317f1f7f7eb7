import { describe, expect, it } from 'vitest';
import { findLeaks } from './leaks.js';

describe('the leak check itself', () => {
  it('flags a value printed before its mask, and stderr', () => {
    const stdout = 'token is s3cr3t-value\n::add-mask::s3cr3t-value\n';
    expect(findLeaks(stdout, '', ['s3cr3t-value'])).toEqual(['stdout line 1 shows an unmasked secret']);
    expect(findLeaks('', 'oops s3cr3t-value', ['s3cr3t-value'])).toEqual(['stderr shows a secret']);
  });

  it('flags one line of a multi-line value printed when only the whole value was masked', () => {
    const stdout = '::add-mask::line-one%0Aline-two\nline-two\n';
    expect(findLeaks(stdout, '', ['line-one\nline-two'])).toEqual(['stdout line 2 shows an unmasked secret']);
  });

  it('accepts a value printed after its mask', () => {
    expect(findLeaks('::add-mask::s3cr3t-value\nsaw s3cr3t-value\n', '', ['s3cr3t-value'])).toEqual([]);
  });
});
