// The post step: it runs after the job's steps, even when the job failed, and never fails the job.
export async function cleanup(): Promise<void> {}
