// The post step: runs after the job's steps, even when the job failed, and never fails the job.
// Each cleanup task runs on its own; a failure is one warning and the next task still runs.
import { deleteExportedFile } from './export/export.js';
import { revokeToken } from './infisical/revoke.js';
import { info, warning } from './runner.js';
import { exportedFile, savedToken } from './state.js';

type Task = () => Promise<void> | void;

const tasks: Task[] = [
  async () => {
    const saved = savedToken();
    if (saved) await revokeToken(saved);
  },
  () => {
    const file = exportedFile();
    if (file && deleteExportedFile(file)) info(`Deleted the .env file ${file}`);
  },
];

export async function cleanup(): Promise<void> {
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      warning(`${error instanceof Error ? error.message : String(error)} (the job is not failed for this)`);
    }
  }
}
