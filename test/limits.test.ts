import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  checkEnvironment,
  checkOutputs,
  MAX_ENVIRONMENT_BYTES,
  MAX_OUTPUT_BYTES,
  MAX_VARIABLE_BYTES,
  WARN_ENVIRONMENT_BYTES,
} from '../src/export/limits.js';

describe('checkEnvironment', () => {
  it('accepts a variable of exactly the Linux limit and refuses one byte more, naming key, size and limit', () => {
    const name = 'BIG_KEY1';
    const fits = 'x'.repeat(MAX_VARIABLE_BYTES - name.length - 2);
    expect(checkEnvironment([{ name, value: fits }], {}).replaced).toEqual([]);
    expect(() => checkEnvironment([{ name, value: `${fits}x` }], {})).toThrow(
      /^Cannot export BIG_KEY1 \(131073 bytes\) as environment variables: Linux limits one variable to 131072 bytes .*export-type output or file/,
    );
  });

  it.runIf(process.platform === 'linux')(
    "uses the kernel's own limit: one byte more and a process cannot start",
    () => {
      // `NAME=value` plus its NUL: exactly MAX_VARIABLE_BYTES starts, one byte more is E2BIG.
      const start = (value: string) => spawnSync('/bin/true', [], { env: { BIG_KEY1: value } }).error;
      const fits = 'x'.repeat(MAX_VARIABLE_BYTES - 'BIG_KEY1='.length - 1);
      expect(start(fits)).toBeUndefined();
      expect(start(`${fits}x`)).toMatchObject({ code: 'E2BIG' });
    },
  );

  it('counts UTF-8 bytes, not characters', () => {
    expect(() => checkEnvironment([{ name: 'U', value: 'é'.repeat(70_000) }], {})).toThrow(/U \(140003 bytes\)/);
  });

  it('warns above 1 MiB naming the largest, fails above what Linux can start', () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `V${i}`, value: 'x'.repeat(120_000 + i) }));
    const { warning } = checkEnvironment(entries, { PATH: '/bin' });
    expect(warning).toMatch(
      /^Later steps will start with about \d+ KiB of environment, 1172 KiB of it from these secrets \(largest new: V9 \(120013 bytes\), V8/,
    );
    const more = Array.from({ length: 20 }, (_, i) => ({ name: `V${i}`, value: 'x'.repeat(120_000) }));
    expect(() => checkEnvironment(more, {})).toThrow(/more than Linux allows \(1920 KiB here\)/);
  });

  it('warns only above 1 MiB and fails only above 1920 KiB, to the byte', () => {
    // Each variable takes NAME=value, its NUL and an 8-byte pointer; the list ends with a null pointer:
    // OLD takes n + 13 bytes, K 1000 + 11, the null pointer 8.
    const entries = [{ name: 'K', value: 'x'.repeat(1000) }];
    const check = (total: number) => checkEnvironment(entries, { OLD: 'y'.repeat(total - 1032) });
    expect(check(WARN_ENVIRONMENT_BYTES).warning).toBeUndefined();
    expect(check(WARN_ENVIRONMENT_BYTES + 1).warning).toMatch(/^Later steps will start with about 1024 KiB/);
    expect(check(MAX_ENVIRONMENT_BYTES).warning).toMatch(/^Later steps will start with about 1920 KiB/);
    expect(() => check(MAX_ENVIRONMENT_BYTES + 1)).toThrow(/more than Linux allows \(1920 KiB here\)/);
  });

  it('names the five largest new variables, largest first, ties in export order', () => {
    const sizes = [9, 30, 20, 30, 10, 20, 40, 20];
    const entries = sizes.map((n, i) => ({ name: `K${i}`, value: 'x'.repeat(n * 1000) }));
    const { warning } = checkEnvironment(entries, { OLD: 'y'.repeat(1_000_000) });
    // 1,000,013 bytes of OLD, 179,096 of the new ones (pointers included), and the final null pointer.
    expect(warning).toMatch(
      /^Later steps will start with about 1151 KiB of environment, 175 KiB of it from these secrets /,
    );
    expect(warning).toContain(
      '(largest new: K6 (40004 bytes), K1 (30004 bytes), K3 (30004 bytes), K2 (20004 bytes), K5 (20004 bytes));',
    );
  });

  it('reports replaced variables and counts them once', () => {
    const { replaced, warning } = checkEnvironment([{ name: 'NODE_ENV', value: 'x' }], {
      NODE_ENV: 'y'.repeat(1_100_000),
    });
    expect(replaced).toEqual(['NODE_ENV']);
    expect(warning).toBeUndefined();
  });

  it('does not report a variable replaced by the same value', () => {
    const entries = [
      { name: 'A', value: 'same' },
      { name: 'B', value: 'new' },
    ];
    expect(checkEnvironment(entries, { A: 'same', B: 'old' }).replaced).toEqual(['B']);
  });
});

describe('checkOutputs', () => {
  it('refuses more than GitHub keeps per job', () => {
    expect(() => checkOutputs([{ name: 'A', value: 'x'.repeat(MAX_OUTPUT_BYTES - 1) }])).not.toThrow();
    expect(() => checkOutputs([{ name: 'A', value: 'x'.repeat(MAX_OUTPUT_BYTES) }])).toThrow(
      /^Cannot export 1000001 bytes of step outputs/,
    );
    // UTF-8 bytes, not characters: 500,000 two-byte characters are 1,000,000 bytes.
    expect(() => checkOutputs([{ name: 'A', value: 'é'.repeat(500_000) }])).toThrow(
      /^Cannot export 1000001 bytes of step outputs/,
    );
  });
});
