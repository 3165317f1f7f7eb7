// Limits that would break later steps or be cut off silently, checked before anything is exported.
// Linux: one `NAME=value` string in a process environment may be at most MAX_ARG_STRLEN = 32 pages
// = 131,072 bytes including the NUL; all arguments and environment strings together (plus one
// 8-byte pointer each) at most ARG_MAX, a quarter of the stack limit: 2 MiB with the usual 8 MiB.
// Past either, every later process start in the job fails with E2BIG ("Argument list too long").
import type { Entry } from './export.js';

export const MAX_VARIABLE_BYTES = 131_072;
/** Above this the environment is large enough to warn about. */
export const WARN_ENVIRONMENT_BYTES = 1024 * 1024;
/** ARG_MAX (2 MiB) less 128 KiB left for the command lines of later steps. */
export const MAX_ENVIRONMENT_BYTES = 2 * 1024 * 1024 - 128 * 1024;
/** GitHub keeps at most 1 MB of outputs per job; more is cut off by the runner. */
export const MAX_OUTPUT_BYTES = 1_000_000;

class LimitError extends Error {}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const SUGGESTION = 'use export-type output or file for it, or select fewer secrets with the secrets input';

/** Bytes one variable takes in a process environment: `NAME=value`, its NUL and its pointer. */
function variableBytes(name: string, value: string): number {
  return bytes(name) + bytes(value) + 2 + 8;
}

interface EnvironmentCheck {
  /** Set when the environment later steps start with is large enough to warn about. */
  warning?: string;
  /** Names already in the job's environment that the export replaces. */
  replaced: string[];
}

/** The `count` largest sizes' indexes, largest first; ties keep entry order. One pass, no sort of every entry. */
function largestIndexes(sizes: readonly number[], count: number): number[] {
  const top: number[] = [];
  sizes.forEach((size, index) => {
    if (top.length === count && size <= sizes[top[count - 1]]) return;
    let at = top.length;
    while (at > 0 && size > sizes[top[at - 1]]) at--;
    top.splice(at, 0, index);
    if (top.length > count) top.pop();
  });
  return top;
}

/**
 * Checks env exports against Linux's limits, given the environment later steps start from. One
 * pass over the entries (this runs for every secret of every job): sizes are computed once and the
 * job's environment is read once, not once per secret. `key` is how the runner tells names apart
 * (without case on Windows).
 */
export function checkEnvironment(
  entries: Entry[],
  current: NodeJS.ProcessEnv,
  key: (name: string) => string = (name) => name,
): EnvironmentCheck {
  // Each variable also takes an 8-byte pointer; the list ends with a null pointer. A replaced
  // variable counts once, with its new value.
  const existing = new Map<string, { name: string; value: string; size: number }>();
  for (const [name, value = ''] of Object.entries(current)) {
    existing.set(key(name), { name, value, size: variableBytes(name, value) });
  }
  let total = 8;
  for (const { size } of existing.values()) total += size;
  let added = 0;
  const sizes: number[] = [];
  const tooBig: string[] = [];
  const replaced: string[] = [];
  for (const { name, value } of entries) {
    const size = bytes(name) + 1 + bytes(value) + 1;
    sizes.push(size);
    if (size > MAX_VARIABLE_BYTES) tooBig.push(`${name} (${size} bytes)`);
    added += size + 8;
    const old = existing.get(key(name));
    if (old === undefined) continue;
    // The same value again (an earlier step exported it, or env: set it) changes nothing worth a notice.
    if (old.value !== value) replaced.push(old.name);
    total -= old.size;
  }
  total += added;
  if (tooBig.length > 0) {
    throw new LimitError(
      `Cannot export ${tooBig.join(', ')} as environment variables: Linux limits one variable to ${MAX_VARIABLE_BYTES} bytes ` +
        `including its name, and later steps could not start; ${SUGGESTION}`,
    );
  }
  if (total <= WARN_ENVIRONMENT_BYTES) return { replaced };
  const largest = largestIndexes(sizes, 5)
    .map((i) => `${entries[i].name} (${sizes[i]} bytes)`)
    .join(', ');
  const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
  const amount = `${kib(total)} of environment, ${kib(added)} of it from these secrets`;
  if (total > MAX_ENVIRONMENT_BYTES) {
    throw new LimitError(
      `Cannot export these secrets as environment variables: later steps would start with about ${amount}, ` +
        `more than Linux allows (${MAX_ENVIRONMENT_BYTES / 1024} KiB here). Largest of them: ${largest}; ${SUGGESTION}`,
    );
  }
  const warning =
    `Later steps will start with about ${amount} (largest new: ${largest}); ` +
    `Linux refuses to start processes above ${MAX_ENVIRONMENT_BYTES / 1024} KiB`;
  return { warning, replaced };
}

/** Fails when the outputs would exceed what GitHub keeps for a job. */
export function checkOutputs(entries: readonly Entry[]): void {
  const total = entries.reduce((sum, { name, value }) => sum + bytes(name) + bytes(value), 0);
  if (total > MAX_OUTPUT_BYTES) {
    throw new LimitError(
      `Cannot export ${total} bytes of step outputs: GitHub keeps at most ${MAX_OUTPUT_BYTES} bytes of outputs per job ` +
        'and would cut the rest off. Use export-type env or file, or select fewer secrets with the secrets input',
    );
  }
}
