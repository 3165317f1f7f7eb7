// The post step: runs after the job's steps, even when the job failed, and never fails the job.
// Each cleanup task runs on its own; a failure is one warning and the next task still runs.
import { deleteExportedFile } from './export/export.js';
import { revokeToken } from './infisical/revoke.js';
import { info, warning } from './runner.js';
import { exportedFile, savedToken } from './state.js';

type Task = () => Promise<void> | void;

export const REPLACED =
  'another step replaced the .env file written here (a new file, a link or a folder); if it still holds secrets, delete it in a later step';

const tasks: Task[] = [
  // First: it is local and quick, so a revoke that never ends cannot keep the file on disk.
  () => {
    const file = exportedFile();
    if (!file) return;
    const outcome = deleteExportedFile(file);
    if (outcome === 'deleted') info(`Deleted the .env file ${file.path}`);
    // A warning, not a line of the log: what another step put there may still hold the values (sed -i).
    if (outcome === 'replaced') warning(`Left ${file.path}: ${REPLACED}`);
  },
  async () => {
    const saved = savedToken();
    if (saved) await revokeToken(saved);
  },
];

/** How the post step reports a failure: as a warning, since it never fails the job. */
export function notFailing(message: string): void {
  warning(`${message} (the job is not failed for this)`);
}

export async function cleanup(): Promise<void> {
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      notFailing(error instanceof Error ? error.message : String(error));
    }
  }
}
