// The one entry file for both steps: the runner starts it as `main` and again as `post`.
// Main saves `isPost` first thing, so the post step knows it is the post step (as actions/checkout).
import { finish } from './finish.js';
import { run } from './main.js';
import { cleanup, notFailing } from './post.js';
import { fail, keepStderrInOrder } from './runner.js';
import { isPost, markMainStarted } from './state.js';

async function main(): Promise<void> {
  markMainStarted();
  return run();
}

keepStderrInOrder();
// The post step never fails the job, not even when it stops unfinished: there that is a warning.
if (isPost()) finish(cleanup(), notFailing);
else finish(main(), fail);
