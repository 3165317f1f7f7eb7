// How a step ends (src/finish.ts), with the process's own events and timers, never exiting this one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { END_AFTER_MS, finish, UNFINISHED } from '../src/finish.js';

let stdout: string[];
let exit: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  stdout = [];
  vi.useFakeTimers();
  vi.spyOn(globalThis, 'setTimeout');
  const write = (chunk: unknown, done?: unknown): boolean => {
    stdout.push(String(chunk));
    if (typeof done === 'function') (done as () => void)();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(write);
  exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('finish', () => {
  it('fails a step whose promise never settles when the event loop empties, instead of exiting 0', () => {
    finish(new Promise(() => undefined));
    process.emit('beforeExit', 0);
    expect(stdout).toEqual([`::error::${UNFINISHED}\n`]);
    expect(process.exitCode).toBe(1);
  });

  it('reports through the reporter it is given: the post step warns and leaves the exit code alone', async () => {
    const reported: string[] = [];
    finish(new Promise(() => undefined), (message) => reported.push(message));
    process.emit('beforeExit', 0);
    finish(Promise.reject(new Error('Revoking the access token failed')), (message) => reported.push(message));
    await vi.advanceTimersByTimeAsync(0);
    expect(reported).toEqual([UNFINISHED, 'Revoking the access token failed']);
    expect(stdout).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  it('reports an error as one line and ends a process something still holds, after flushing stdout', async () => {
    finish(Promise.reject(new Error('Listing secrets failed: HTTP 500')));
    await vi.advanceTimersByTimeAsync(0);
    expect(stdout).toEqual(['::error::Listing secrets failed: HTTP 500\n']);
    expect(process.exitCode).toBe(1);
    process.emit('beforeExit', 1); // settled: nothing more to say
    expect(stdout).toHaveLength(1);
    expect(exit).not.toHaveBeenCalled();
    const timer = vi.mocked(setTimeout).mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false); // a step that ends on its own never waits for it
    await vi.advanceTimersByTimeAsync(END_AFTER_MS);
    expect(stdout.at(-1)).toBe(''); // the flush, whose callback exits
    expect(exit).toHaveBeenCalledOnce();
  });
});
