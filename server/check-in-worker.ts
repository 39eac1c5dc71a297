/**
 * The caller's side of the service's checks (server/check-job.ts): an upload, or a JSON save larger than
 * `inlineBytes`, goes to the check worker (server/check-worker.ts) through the one bounded worker mechanism
 * (server/worker-run.ts), and the worker's questions (the previous year's membership) are answered from the
 * database here. A conflict's diff (server/conflict-diff.ts) goes the same way when its rows are large. A JSON body of a workbook's usual size is checked in the request instead: a worker costs a
 * process's start and the core's load (~0.1–0.2 s), a 21-association body's check a few milliseconds.
 */
import type { SnapshotDiff } from '../shared/snapshot';
import { runCheck, type CheckAnswer, type CheckJob } from './check-job';
import { diffSize, runDiff, type DiffJob } from './conflict-diff';
import type { PreviousOf } from './save-check';
import { workerEntry } from './worker-entry';
import { runInWorker, type WorkerBounds, type WorkerResult } from './worker-run';

const checkWorker = workerEntry('check-worker', import.meta.url);

/**
 * JSON bodies up to this many bytes are checked in the request: about 5,000 rows, ~10 ms of the event loop
 * (validateWorkbook: ≤ 50 ms at 10k + 10k rows).
 */
export const defaultInlineCheckBytes = 512 * 1024;

export interface CheckPlace {
  bounds?: Partial<WorkerBounds>;
  /** Check in the request, not in the worker (small JSON bodies only). */
  inline?: boolean;
}

export async function checkInWorker(job: CheckJob, previousOf: PreviousOf, place: CheckPlace = {}): Promise<WorkerResult<CheckAnswer>> {
  if (place.inline && job.kind === 'json') return { ok: true, answer: await runCheck(job, (year) => previousOf(year as number)) };
  return runInWorker<CheckAnswer>(checkWorker, job, place.bounds, (year: number) => previousOf(year));
}

/** A conflict's diff: in the request when its rows are of a workbook's usual size, in the check worker when larger. */
export async function diffInWorker(job: DiffJob, bounds?: Partial<WorkerBounds>): Promise<SnapshotDiff> {
  if (diffSize(job) <= defaultInlineCheckBytes) return runDiff(job);
  const result = await runInWorker<SnapshotDiff>(checkWorker, job, bounds);
  // Two stored snapshots, each once within the save limits: only a fault in the diff's own code ends here.
  if (!result.ok) throw new Error(`the conflict's diff failed in the check worker (${result.failure.kind})`);
  return result.answer;
}
