/**
 * The reader's worker (server/worker-run.ts): a job `{ bytes, limits }` in, a ParseOutcome out, the cells'
 * typed arrays trimmed to what they hold. A hostile or huge file can only exhaust this worker's process.
 */
import { serveJob } from '../worker-job';
import { parseOutcome } from './parse-outcome';
import type { ReadLimits } from './parse-xlsx';

serveJob<{ bytes: Uint8Array; limits: ReadLimits }>(async (job) => {
  const outcome = parseOutcome(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.limits);
  return { value: outcome };
});
