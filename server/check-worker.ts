/**
 * The service's check worker, run through server/worker-run.ts with the reader's time and memory limits: a
 * JSON save or an upload checked off the event loop (server/check-job.ts), or a conflict's diff
 * (server/conflict-diff.ts). The CLI's reader keeps its own
 * lighter entry (server/xlsx/parse-worker.ts), which loads neither zod nor the core.
 */
import { runCheck, type CheckJob } from './check-job';
import { runDiff, type DiffJob } from './conflict-diff';
import { serveJob } from './worker-job';

serveJob<CheckJob | DiffJob>(async (job, ask) => {
  if (job.kind === 'diff') return { value: runDiff(job) };
  return { value: await runCheck(job, ask) };
});
