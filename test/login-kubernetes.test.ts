import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceAccountToken } from '../src/login/kubernetes.js';

afterEach(() => vi.restoreAllMocks());
const dir = mkdtempSync(join(tmpdir(), 'sa-'));

describe('serviceAccountToken', () => {
  it('reads the token without its line break and masks it before returning', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writeFileSync(join(dir, 'token'), 'eyJ.sa-token.sig\n');
    expect(serviceAccountToken(join(dir, 'token'))).toBe('eyJ.sa-token.sig');
    expect(write).toHaveBeenCalledWith('::add-mask::eyJ.sa-token.sig\n');
  });

  it('says the file is empty or unreadable, and what to set up', () => {
    writeFileSync(join(dir, 'empty'), '\n');
    expect(() => serviceAccountToken(join(dir, 'empty'))).toThrow(
      `method kubernetes needs the pod's service-account token, but ${join(dir, 'empty')} is empty: run the runner in a pod`,
    );
    expect(() => serviceAccountToken(dir)).toThrow(`but ${dir} cannot be read (EISDIR)`);
  });
});
