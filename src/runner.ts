// Talking to the Actions runner: workflow commands on stdout, masks, inputs, state and the file
// commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY).
// Written by hand instead of through @actions/core so that thousands of masks cost one write, each
// file command is one append, and importing this module loads nothing heavy (core pulls in undici).
import { appendFileSync, statSync, truncateSync } from 'node:fs';

/** Escapes the data part of a workflow command (`::cmd::data`), as the runner expects. */
export function escapeData(text: string): string {
  if (!/[%\r\n]/.test(text)) return text;
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Stdout is a pipe: write once per batch and never call process.exit (it drops queued output). */
function emit(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
}

export function info(message: string): void {
  emit([escapeInfo(message)]);
}

/**
 * A plain log line must never be read as a command, whatever input it quotes (a path, a slug): the
 * runner takes a line that starts with `::` after leading whitespace as one, and `##[` anywhere as
 * an old-style one. Line breaks would start a new line, so they become spaces.
 */
function escapeInfo(message: string): string {
  return message
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/^(\s*)::/, '$1: :')
    .replace(/##\[/g, '## [');
}

export function isDebug(): boolean {
  return process.env['RUNNER_DEBUG'] === '1';
}

export function debug(message: string): void {
  emit([`::debug::${escapeData(message)}`]);
}

export function warning(message: string): void {
  emit([`::warning::${escapeData(message)}`]);
}

export function notice(message: string): void {
  emit([`::notice::${escapeData(message)}`]);
}

/** Reports the failure and sets the exit code; the process then ends on its own. */
export function fail(message: string): void {
  emit([`::error::${escapeData(message)}`]);
  process.exitCode = 1;
}

/**
 * Registers every value as a mask with a single write, before anything could print them: the whole
 * value, and for a multi-line value each non-blank line too (older and GHES runners do not split
 * multi-line masks themselves). Blank values cannot be masked. A value registered twice costs the
 * runner nothing, so there is no bookkeeping of what was sent before.
 */
export function mask(values: Iterable<string>): void {
  let text = '';
  for (const value of values) {
    if (!/\S/.test(value)) continue;
    text += `::add-mask::${escapeData(value)}\n`;
    if (!/[\r\n]/.test(value)) continue;
    for (const line of value.split(/\r\n|\n|\r/)) if (/\S/.test(line)) text += `::add-mask::${escapeData(line)}\n`;
  }
  if (text !== '') process.stdout.write(text);
}

/**
 * Reads an input the way the runner passes it (`INPUT_<NAME>`, hyphens kept), trimmed; `lines` keeps
 * leading blank lines of a multi-line input, so that errors count its lines as the workflow shows them.
 */
export function input(name: string, { lines = false } = {}): string {
  const raw = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  return lines ? raw.trimEnd() : raw.trim();
}

/** A random heredoc delimiter. Every heredoc value is checked against it, so it need not be
 * unpredictable: Math.random spares loading node:crypto. */
function newDelimiter(): string {
  const hex = () =>
    Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return `ghadelimiter_${hex()}${hex()}${hex()}${hex()}`;
}

/**
 * Encodes entries in the runner's file-command format. A one-line value is written `NAME=value`: the
 * runner splits that line at its first "=" (names never contain "=" or "<<", see names.ts) and keeps
 * the rest as is. A value with CR or LF is a heredoc: the runner takes the exact text between the
 * header line and the newline before the delimiter line, so any value survives, provided it does not
 * contain the delimiter; if one does, the batch is encoded again with a new delimiter. One pass for
 * thousands of secrets, and the short form cuts what they write by about 40%.
 */
export function encodeFileCommand(entries: readonly NamedValue[]): string {
  for (;;) {
    const delimiter = newDelimiter();
    let text = '';
    let clash = false;
    for (const { name, value } of entries) {
      if (!value.includes('\n') && !value.includes('\r')) text += `${name}=${value}\n`;
      else if (value.includes(delimiter)) {
        clash = true;
        break;
      } else text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    }
    if (!clash) return text;
  }
}

/** A variable, output or state entry. */
export interface NamedValue {
  name: string;
  value: string;
}

/** Names the file behind a file command, failing clearly when the runner did not provide it. */
export function commandFile(variable: 'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE'): string {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run this action as a step of a GitHub Actions job`);
  return path;
}

/**
 * Appends entries to a command file in one write, all or nothing, and returns what takes them back
 * out. A full disk writes what fits and then fails: the file is then cut back to its length before,
 * because the runner would read a `NAME=value` line cut short as a wrong value.
 */
export function appendFileCommand(file: string, entries: readonly NamedValue[]): () => void {
  const before = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  const undo = (): void => {
    try {
      if (statSync(file).isFile()) truncateSync(file, before);
    } catch {
      // Nothing more can be done; the write's own error is the one reported.
    }
  };
  if (entries.length === 0) return undo;
  try {
    appendFileSync(file, encodeFileCommand(entries), { encoding: 'utf8' });
  } catch (error) {
    undo();
    throw new Error(`Cannot append to ${file}: ${(error as Error).message}; it was left as it was`);
  }
  return undo;
}

/** Appends Markdown to the job summary, when the runner provides one. */
export function appendSummary(markdown: string): void {
  const path = process.env['GITHUB_STEP_SUMMARY'];
  if (path) appendFileSync(path, markdown, { encoding: 'utf8' });
}

/** Saves state for the post step; returns what takes this save back. */
export function saveState(entries: Record<string, string>): () => void {
  return appendFileCommand(
    commandFile('GITHUB_STATE'),
    Object.entries(entries).map(([name, value]) => ({ name, value })),
  );
}

export function state(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}
