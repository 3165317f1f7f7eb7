// Writing the chosen secrets where later steps read them: GITHUB_ENV, GITHUB_OUTPUT or a .env file.
// `planExport` checks everything and writes nothing; `writeExport` then writes every destination,
// all or nothing, so a failure exports nothing.
import { randomUUID } from 'node:crypto';
import { appendFileSync, lstatSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { dirname, join, basename } from 'node:path';
import * as core from '@actions/core';
import { composeMisreads, encodeDotenv } from './dotenv.js';
import type { ExportType } from '../inputs.js';
import { checkEnvironment, checkOutputs } from './limits.js';

/** A variable or output: a name and its value; `outputOnly` when kept out of the job's environment. */
export interface Entry {
  name: string;
  value: string;
  /** Export-type both sends it to step outputs alone. */
  outputOnly?: boolean;
}

export interface Plan {
  env: Entry[];
  outputs: Entry[];
  file?: { path: string; text: string };
  /** Environment size warning, or for a .env file the values docker compose reads differently, if any. */
  warning?: string;
  /** Variables of the job's environment that the export replaces. */
  replaced: string[];
}

export class ExportError extends Error {}

/** The .env file as written: its path and what tells it from another file put at that path later. */
export interface WrittenFile {
  path: string;
  /**
   * Device, inode and birth time: a rename keeps them (but see writePrivateFile for Windows); another
   * file, a symlink or a folder put at the path has others (a recycled inode number comes with a new
   * birth time).
   */
  id: string;
}

/** Why a value cannot reach later steps byte-exact as an environment variable or output, if it cannot. */
export function valueProblem(value: string, destination: 'env' | 'output'): string | undefined {
  if (!value.isWellFormed()) return 'its value is not valid Unicode text (a lone surrogate)';
  if (destination === 'env' && value.includes('\0')) {
    return 'its value contains a NUL byte, which an environment variable cannot hold; use export-type output or file';
  }
  return undefined;
}

export function destinations(type: ExportType): Array<'env' | 'output' | 'file'> {
  return type === 'both' ? ['env', 'output'] : [type];
}

function checkValues(entries: Entry[], destination: 'env' | 'output'): void {
  const problems: string[] = [];
  for (const { name, value } of entries) {
    const problem = valueProblem(value, destination);
    if (problem) problems.push(`${name}: ${problem}`);
  }
  if (problems.length > 0) throw new ExportError(`Cannot export ${problems.join('; ')}`);
}

/** Upper case one character at a time, as .NET compares without case: `ß` stays `ß`, not `SS`. */
function foldCase(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return name.toUpperCase();
  let folded = '';
  for (const char of name) {
    const upper = char.toUpperCase();
    folded += upper.length === char.length ? upper : char;
  }
  return folded;
}

/**
 * Fails when two names differ only in case where `reader` ignores case (the runner for output names,
 * Windows for environment variables): one would silently replace the other.
 */
function refuseCaseClash(entries: readonly Entry[], what: string, reader: string): void {
  const seen = new Map<string, string>();
  for (const { name } of entries) {
    const folded = foldCase(name);
    const earlier = seen.get(folded);
    if (earlier === undefined) {
      seen.set(folded, name);
      continue;
    }
    const token = earlier === 'access-token' || name === 'access-token' ? ' or turn off output-token' : '';
    const clash =
      earlier === name
        ? `Two ${what} are named ${name}`
        : `Two ${what}, ${earlier} and ${name}, would be one to ${reader}, which ignores case in names`;
    throw new ExportError(`${clash}: rename one with the secrets input (KEY | NAME)${token}`);
  }
}

/** The file's path, once its folder is known to exist. */
function filePathFor(path: string): string {
  const folder = dirname(path);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ExportError(
      `file-path ${path}: the folder ${folder} does not exist; create it first or choose another file-path`,
    );
  }
  return path;
}

/**
 * Checks every entry for every destination (values, Linux and GitHub limits, dotenv quoting,
 * output names) and returns what to write. `extraOutputs` go to outputs whatever the export type.
 */
export function planExport(
  entries: Entry[],
  type: ExportType,
  filePath: string,
  extraOutputs: Record<string, string> = {},
  current: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Plan {
  const to = destinations(type);
  const plan: Plan = { env: [], outputs: [], replaced: [] };
  const envEntries = entries.filter((entry) => !entry.outputOnly);
  if (to.includes('env')) {
    checkValues(envEntries, 'env');
    const key = platform === 'win32' ? foldCase : undefined;
    Object.assign(plan, checkEnvironment(envEntries, current, key), { env: envEntries });
  }
  if (to.includes('output')) checkValues(entries, 'output');
  const extra = Object.entries(extraOutputs).map(([name, value]) => ({ name, value }));
  plan.outputs = [...(to.includes('output') ? entries : []), ...extra];
  refuseCaseClash(plan.outputs, 'step outputs', 'the runner');
  if (to.includes('env') && platform === 'win32')
    refuseCaseClash(envEntries, 'environment variables', 'a Windows runner');
  checkOutputs(plan.outputs);
  if (to.includes('file')) {
    plan.file = { path: filePathFor(filePath), text: encodeDotenv(entries) };
    const misread = composeMisreads(entries);
    if (misread.length > 0) {
      plan.warning =
        `docker compose reads ${misread.join(', ')} differently from this .env file (it has no backtick quotes ` +
        'and expands $ and backslash escapes in double quotes); the dotenv package reads them exactly. Hand them ' +
        'to compose another way, for example export-type env';
    }
  }
  return plan;
}

/** The id of the regular file at `path` (not following a symlink): '' for anything else, undefined for nothing. */
function fileId(path: string): string | undefined {
  const stats = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  if (!stats) return undefined;
  return stats.isFile() ? `${stats.dev}:${stats.ino}:${stats.birthtimeNs}` : '';
}

/**
 * Replaces the file atomically with mode 0600: written beside it, then renamed over it.
 * `beforeReplace` learns the new file before it takes the path, and again if taking it changed its id:
 * Windows gives a file renamed to a name removed there in the last 15 seconds that file's creation
 * time (file system tunnelling), and the post step compares with the file at the path.
 */
function writePrivateFile(path: string, text: string, beforeReplace: (file: WrittenFile) => void): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let id: string;
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    id = fileId(temp) ?? '';
    beforeReplace({ path, id });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ExportError(`Cannot write file-path ${path}: ${(error as Error).message}`);
  }
  const placed = fileId(path);
  if (placed && placed !== id) beforeReplace({ path, id: placed });
}

/** Names the file behind a file command, failing clearly when the runner did not provide it. */
function commandFile(variable: 'GITHUB_ENV' | 'GITHUB_OUTPUT'): string {
  const path = process.env[variable];
  if (!path) throw new ExportError(`${variable} is not set: run this action as a step of a GitHub Actions job`);
  return path;
}

/**
 * GITHUB_ENV's text for all entries, in exactly the format core.exportVariable writes: `NAME<<DELIM`,
 * the value, DELIM, each line ended with os.EOL, DELIM being `ghadelimiter_` and a random UUID. One
 * fresh delimiter serves the batch; a delimiter that a name or value contains is never used.
 * A Windows runner takes a CR before LF for part of the line end: there os.EOL is CRLF, so a value
 * that ends with CR still arrives whole.
 *
 * The one piece of the runner's protocol written here rather than through core, measured with
 * `npm run bench` (Node 24, 10,000 secrets): core.exportVariable also assigns process.env (a setenv
 * over an environment that grows with every variable) and appends once per variable, which took
 * 356 ms of a 670 ms step, 4.2× the toolkit floor against a budget of 3×; this one append takes ~10 ms.
 */
export function encodeEnvFile(entries: readonly Entry[], eol: string = EOL): string {
  let delimiter: string;
  do delimiter = `ghadelimiter_${randomUUID()}`;
  while (entries.some(({ name, value }) => name.includes(delimiter) || value.includes(delimiter)));
  return entries.map(({ name, value }) => `${name}<<${delimiter}${eol}${value}${eol}${delimiter}${eol}`).join('');
}

/**
 * Runs `write`, all or nothing for `file`: when it fails part way (a full disk), the command file is
 * cut back to its length before, since the runner would read a cut entry as a wrong value. Returns
 * what takes the entries back out.
 */
function allOrNothing(file: string, write: () => void): () => void {
  const before = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  const undo = (): void => {
    try {
      if (statSync(file).isFile()) truncateSync(file, before);
    } catch {
      // Nothing more can be done; the write's own error is the one reported.
    }
  };
  try {
    write();
  } catch (error) {
    undo();
    throw new ExportError(`Cannot append to ${file}: ${(error as Error).message}; it was left as it was`);
  }
  return undo;
}

/**
 * Writes every destination, all or nothing: command files are resolved first (a missing one fails
 * before anything is written), appends are taken back if a later write fails, and the .env file,
 * replaced atomically, comes last (`beforeReplace` learns it just before it takes its path, see writePrivateFile).
 */
export function writeExport(plan: Plan, beforeReplace: (file: WrittenFile) => void = () => undefined): void {
  const envFile = plan.env.length > 0 ? commandFile('GITHUB_ENV') : undefined;
  const outputFile = plan.outputs.length > 0 ? commandFile('GITHUB_OUTPUT') : undefined;
  const undo: Array<() => void> = [];
  try {
    if (envFile) undo.push(allOrNothing(envFile, () => appendFileSync(envFile, encodeEnvFile(plan.env))));
    if (outputFile) {
      const outputs = plan.outputs;
      undo.push(allOrNothing(outputFile, () => outputs.forEach(({ name, value }) => core.setOutput(name, value))));
    }
    if (plan.file) writePrivateFile(plan.file.path, plan.file.text, beforeReplace);
  } catch (error) {
    for (const takeBack of undo) takeBack();
    throw error;
  }
}

/**
 * Deletes the exported file in the post step, if it is still the file written: one that another step
 * only changed may still hold the values, but what another step put in its place (a file of its own,
 * a symlink, a folder) is left. A file already gone is fine.
 */
export function deleteExportedFile({ path, id }: WrittenFile): 'deleted' | 'gone' | 'replaced' {
  const now = fileId(path);
  if (now === undefined) return 'gone';
  if (now === '' || now !== id) return 'replaced';
  rmSync(path, { force: true });
  return 'deleted';
}

export function describeDestination(type: ExportType): string {
  return {
    env: 'environment variables',
    output: 'step outputs',
    both: 'environment variables and step outputs',
    file: 'a .env file',
  }[type];
}
