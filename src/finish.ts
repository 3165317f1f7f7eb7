// How a step ends: its error as one `::error::` line (here and nowhere else), never a pass it did
// not earn, and never held open once it is done.
import { fail } from './runner.js';

export const UNFINISHED = 'The step stopped before it finished: a connection ended without an answer or an error';

/** How long a finished step may wait for what a library still holds before it ends anyway. */
export const END_AFTER_MS = 2000;

/**
 * Reports how `step` ends through `report` (by default failing the step: the error line and exit
 * code); the process then ends on its own.
 * - If the event loop empties while the step still waits (a library promise that never settles once
 *   its connection is gone), Node would exit with code 0: that is a failure.
 * - Once the step is done, nothing may hold it open: a request the step gave up on (core's ID token
 *   client keeps a socket up to 3 minutes) would keep the job waiting. The timer is unref'd, so a
 *   step that ends on its own never sees it; otherwise stdout is flushed first (masks and the error
 *   line must reach the runner), then the process ends with the exit code already set.
 */
export function finish(step: Promise<void>, report: (message: string) => void = fail): void {
  let settled = false;
  process.once('beforeExit', () => {
    if (!settled) report(UNFINISHED);
  });
  step
    .catch((error: unknown) => report(error instanceof Error ? error.message : String(error)))
    .finally(() => {
      settled = true;
      setTimeout(() => process.stdout.write('', () => process.exit()), END_AFTER_MS).unref();
    });
}
