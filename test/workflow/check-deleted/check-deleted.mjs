// Main: arms the post step (state armed=true). Post: fails while something is at INPUT_PATH, that is unless
// the action's post step deleted the .env file it wrote there.
import { appendFileSync, lstatSync } from 'node:fs';

const path = process.env['INPUT_PATH'] ?? '';

if (process.env['STATE_armed'] !== 'true') {
  appendFileSync(process.env['GITHUB_STATE'] ?? '', 'armed=true\n');
  console.log(`armed: the post step will check that ${path} is gone`);
} else if (lstatSync(path, { throwIfNoEntry: false })) {
  console.log(`::error::${path} is still there after the action's post step: not deleted`);
  process.exit(1);
} else {
  console.log(`${path} is gone after the action's post step: deleted`);
}
