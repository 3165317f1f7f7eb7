// Leak check over a step's logs: no line may contain a secret unless the runner was told to mask it
// earlier on stdout (`::add-mask::`); stderr is not ordered with stdout, so it may contain none.
import { decode } from './harness.js';

/** The text pieces the runner must hide for a secret: the value and its non-blank lines. */
function pieces(secret: string): string[] {
  if (secret.trim() === '') return [];
  return [...new Set([secret, ...secret.split(/\r\n|\n|\r/).filter((line) => line.trim().length >= 4)])];
}

export function findLeaks(stdout: string, stderr: string, secrets: string[]): string[] {
  const masked = new Set<string>();
  const leaks: string[] = [];
  const lines = stdout.split('\n');
  const all = [...new Set(secrets.flatMap(pieces))];
  lines.forEach((line, n) => {
    if (line.startsWith('::add-mask::')) {
      masked.add(decode(line.slice('::add-mask::'.length)));
      return;
    }
    for (const piece of all) {
      if (line.includes(piece) && !masked.has(piece)) leaks.push(`stdout line ${n + 1} shows an unmasked secret`);
    }
  });
  for (const piece of all) if (stderr.includes(piece)) leaks.push('stderr shows a secret');
  return leaks;
}
