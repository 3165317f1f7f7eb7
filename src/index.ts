// The one entry file for both steps: the runner starts it as `main` and again as `post`.
// Main saves `isPost` first thing, so the post step knows it is the post step (as actions/checkout).
import { finish } from './finish.js';
import { run } from './main.js';
import { cleanup } from './post.js';
import { keepStderrInOrder } from './runner.js';
import { isPost, markMainStarted } from './state.js';

async function entry(): Promise<void> {
  if (isPost()) return cleanup();
  markMainStarted();
  return run();
}

keepStderrInOrder();
finish(entry());
