/**
 * The service's check worker, run through server/worker-run.ts with the reader's time and memory limits: a
 * JSON save or an upload checked off the event loop (server/check-job.ts). The CLI's reader keeps its own
 * lighter entry (server/xlsx/parse-worker.ts), which loads neither zod nor the core.
 */
import { runCheck, type CheckJob } from './check-job';
import { serveJob } from './worker-job';

serveJob<CheckJob>(async (job, ask) => {
  const value = await runCheck(job, ask);
  return { value, transfer: value.kind === 'answer' ? [value.body.buffer as ArrayBuffer] : [] };
});
