// Talking to the Actions runner, through @actions/core: log lines, annotations, masks and inputs.
// Our own rules run before core is called: a plain log line can never be read as a command, and a
// multi-line value is masked line by line too. Nothing here calls process.exit: stdout is a pipe,
// and exiting would drop masks and lines still queued (core.setFailed only sets the exit code).
import * as core from '@actions/core';

/**
 * A plain log line must never be read as a command, whatever input it quotes (a path, a slug): the
 * runner takes a line that starts with `::` after leading whitespace as one, and `##[` anywhere as
 * an old-style one. Line breaks would start a new line, so they become spaces. core.info writes
 * its message as it is.
 */
export function escapeInfo(message: string): string {
  return message
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/^(\s*)::/, '$1: :')
    .replace(/##\[/g, '## [');
}

export function info(message: string): void {
  core.info(escapeInfo(message));
}

/**
 * Sends what Node and the libraries write to stderr (NODE_DEBUG's request dumps, which show headers
 * and proxy credentials; warnings) to stdout. The runner logs each batch of stderr lines before the
 * stdout lines read with them, so a line on stderr could be logged before the `::add-mask::` that
 * hides its value. On stdout it comes after. Called before anything else runs.
 */
export function keepStderrInOrder(): void {
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, value: process.stdout });
}

export const isDebug = core.isDebug;
export const debug = core.debug;
export const warning = core.warning;
export const notice = core.notice;

/** Reports the failure as one `::error::` line and sets the exit code; the process then ends on its own. */
export function fail(message: string): void {
  core.setFailed(message);
}

/**
 * Registers every value as a mask before anything could print it: the whole value, and for a
 * multi-line value each non-blank line too (older and GHES runners do not split multi-line masks
 * themselves). A value or line with spaces or tabs around it is also masked without them: the
 * runner matches masks exactly, and a later step that prints it trimmed (`echo $VAR`, a tool
 * quoting it) would show it. Blank values cannot be masked. A value registered twice costs the
 * runner nothing.
 */
export function mask(values: Iterable<string>): void {
  const register = (text: string): void => {
    if (!/\S/.test(text)) return;
    core.setSecret(text);
    const trimmed = text.trim();
    if (trimmed !== text) core.setSecret(trimmed);
  };
  for (const value of values) {
    register(value);
    if (/[\r\n]/.test(value)) value.split(/\r\n|\n|\r/).forEach(register);
  }
}

/**
 * An input as the runner passes it, trimmed; `lines` keeps leading blank lines of a multi-line input,
 * so that errors count its lines as the workflow shows them.
 */
export function input(name: string, { lines = false } = {}): string {
  const value = core.getInput(name, { trimWhitespace: !lines });
  return lines ? value.trimEnd() : value;
}
