// Writing the chosen secrets where later steps read them: GITHUB_ENV and/or GITHUB_OUTPUT.
// Everything is checked first, then each file gets one append, so a failure exports nothing.
import type { ExportType } from './inputs.js';
import { appendFileCommand, commandFile } from './runner.js';

export interface Entry {
  name: string;
  value: string;
}

export class ExportError extends Error {}

/** Why a value cannot reach later steps byte-exact through this destination, if it cannot. */
export function valueProblem(value: string, destination: 'env' | 'output'): string | undefined {
  if (!value.isWellFormed()) return 'its value is not valid Unicode text (a lone surrogate)';
  if (destination === 'env' && value.includes('\0')) {
    return 'its value contains a NUL byte, which an environment variable cannot hold; use export-type: output';
  }
  return undefined;
}

export function destinations(type: ExportType): Array<'env' | 'output'> {
  return type === 'both' ? ['env', 'output'] : [type];
}

/** Checks every entry for every destination; throws naming all offending keys. */
export function checkExport(entries: Entry[], type: ExportType): void {
  const problems: string[] = [];
  for (const destination of destinations(type)) {
    for (const { name, value } of entries) {
      const problem = valueProblem(value, destination);
      if (problem) problems.push(`${name}: ${problem}`);
    }
  }
  if (problems.length > 0) throw new ExportError(`Cannot export ${problems.join('; ')}`);
}

/** Writes the entries to env and/or outputs, and `extraOutputs` (the access token) to outputs. */
export function writeExport(entries: Entry[], type: ExportType, extraOutputs: Record<string, string> = {}): void {
  const pairs = entries.map(({ name, value }) => [name, value] as const);
  const to = destinations(type);
  const outputs = [...(to.includes('output') ? pairs : []), ...Object.entries(extraOutputs)];
  const clash = outputs.find(([name], i) => outputs.findIndex(([other]) => other === name) !== i);
  if (clash) throw new ExportError(`Two step outputs are named ${clash[0]}: rename the secret or turn off output-token`);
  // Resolve every file first: a missing one must fail before anything is written.
  const writes: Array<[string, typeof outputs]> = [];
  if (to.includes('env') && pairs.length > 0) writes.push([commandFile('GITHUB_ENV'), pairs]);
  if (outputs.length > 0) writes.push([commandFile('GITHUB_OUTPUT'), outputs]);
  for (const [file, items] of writes) appendFileCommand(file, items);
}

export function describeDestination(type: ExportType): string {
  return { env: 'environment variables', output: 'step outputs', both: 'environment variables and step outputs' }[type];
}
