// The one entry file for both steps: the runner starts it as `main` and again as `post`.
// Main saves `isPost` first thing, so the post step knows it is the post step (as actions/checkout).
import { run } from './main.js';
import { cleanup } from './post.js';
import { fail } from './runner.js';
import { isPost, markMainStarted } from './state.js';

async function entry(): Promise<void> {
  if (isPost()) return cleanup();
  markMainStarted();
  return run();
}

let settled = false;
// A step must never pass without finishing: if the event loop empties while the step still waits
// (a library promise that never settles once its connection is gone), Node would exit with code 0.
process.once('beforeExit', () => {
  if (!settled) fail('The step stopped before it finished: a connection ended without an answer or an error');
});
// Errors become one `::error::` line here and nowhere else; the exit code is set, never process.exit.
entry()
  .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
  .finally(() => (settled = true));
