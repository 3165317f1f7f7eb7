// Which chosen secrets may be exported, and where: name rules, values Infisical withheld, and values
// a .env file cannot carry.
// Pure functions, tested without a server.
import { codeLoadingReason } from './code-loading.js';
import { dotenvProblem } from './export/dotenv.js';
import type { Chosen } from './selection.js';

export class NameError extends Error {}

// One test for the usual name; the reasons are worked out only for a suspect one. Any name that
// upper-cases to NODE_OPTIONS has 12 UTF-16 units (no expanding upper case yields its letters).
const SUSPECT_CHARS = /[=\0\r\n\uFEFF\uD800-\uDFFF]|<</;

/** Why a name cannot be exported anywhere, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name !== '' && name.length !== 12 && !SUSPECT_CHARS.test(name)) return undefined;
  if (name === '') return 'the name is empty';
  if (name.includes('=')) return 'the name contains "="';
  if (name.includes('<<')) return 'the name contains "<<"';
  if (/[\0\r\n]/.test(name)) return 'the name contains a NUL, CR or LF character';
  // Written to a command file, a lone surrogate becomes U+FFFD: another name, perhaps another secret's.
  if (!name.isWellFormed()) return 'the name is not valid Unicode text (a lone surrogate)';
  // The runner reads command files with a byte-order mark at their start removed.
  if (name.startsWith('\uFEFF')) return 'the name starts with U+FEFF (a byte-order mark), which the runner drops';
  if (name.toUpperCase() === 'NODE_OPTIONS') return 'the runner refuses to set NODE_OPTIONS';
  return undefined;
}

/**
 * Variables the runner or later actions rely on. Compared without regard to case: Windows ignores it
 * in variable names (Linux and macOS do not), and `Path` or `github_sha` is never a deliberate
 * secret name. Full upper-casing (`ſ` → `S`, which a case-blind regex leaves alone) errs towards
 * keeping a name out. GITHUB_TOKEN is a common secret name and may be replaced.
 */
export function isProtected(name: string): boolean {
  const upper = name.toUpperCase();
  return PROTECTED.test(upper) && upper !== 'GITHUB_TOKEN';
}

const PROTECTED = /^(?:PATH|HOME|CI)$|^(?:GITHUB|RUNNER|ACTIONS)_/;

/** Names a dotenv parser reads (the `dotenv` package accepts letters, digits, `_`, `.` and `-`). */
export const DOTENV_NAME = /^[\w.-]+$/;

export interface Skipped {
  name: string;
  reason: string;
  /** Kept out of the job's environment only: still exported as a step output (export-type both). */
  outputOnly?: boolean;
}

interface Targets {
  env: boolean;
  file: boolean;
  /** Step outputs too (export-type both): a name kept out of the environment still goes there. */
  output?: boolean;
}

/** Why a secret Infisical withheld is not exported: its placeholder is never handed on as a value. */
export const WITHHELD =
  'Infisical withheld its value: this identity may see the secret but not read it (grant it read access to the value)';

function problemFor(item: Chosen, targets: Targets): string | undefined {
  if (item.secret.hidden) return WITHHELD;
  const problem = nameProblem(item.name);
  if (problem) return problem;
  if (targets.file && !DOTENV_NAME.test(item.name)) return 'a .env file name may hold only letters, digits, _, . and -';
  const unwritable = targets.file ? dotenvProblem(item.value) : undefined;
  if (unwritable) return unwritable;
  return undefined;
}

/**
 * Why a name is kept out of the job's environment: runner variables and names that make later
 * programs load or run code. Only a name the list wrote itself is let in (not one a prefix
 * produced): the workflow's author chose it, in the repository, under review.
 */
function envProblem(item: Chosen): string | undefined {
  if (item.named) return undefined;
  if (isProtected(item.name)) {
    return `it would replace the runner's ${item.name}; list it in the secrets input to export it anyway`;
  }
  const why = codeLoadingReason(item.name);
  if (why === undefined) return undefined;
  const { key } = item.secret;
  const listed = key === item.name ? key : `${key} | ${item.name}`;
  return (
    `it makes later programs load or run code: ${why}. To export it anyway, list "${listed}" in the ` +
    `secrets input, or rename it ("${key} | MY_${item.name}")`
  );
}

/**
 * Splits chosen secrets into exportable and skipped ones. A secret the `secrets` input listed by
 * name is never skipped silently: its problem fails the step. Outputs and the .env file are not
 * the job's environment: with export-type both, a name kept out of it is still a step output.
 */
export function applyNameRules(chosen: Chosen[], targets: Targets): { exported: Chosen[]; skipped: Skipped[] } {
  const exported: Chosen[] = [];
  const skipped: Skipped[] = [];
  for (const item of chosen) {
    let reason = problemFor(item, targets);
    const envReason = reason === undefined && targets.env ? envProblem(item) : undefined;
    const outputOnly = envReason !== undefined && targets.output === true;
    reason ??= envReason;
    if (reason && item.line !== undefined)
      throw new NameError(`secrets line ${item.line}: cannot export ${JSON.stringify(item.name)}: ${reason}`);
    if (outputOnly) {
      skipped.push({ name: item.name, reason: envReason, outputOnly });
      exported.push({ ...item, outputOnly });
    } else if (reason) skipped.push({ name: item.name, reason });
    else exported.push(item);
  }
  return { exported, skipped };
}
