/**
 * The one way the service and the CLI run work that a hostile or huge input could make long or large: in a
 * fresh worker thread with a heap limit and a time limit, at most workersAtOnce at a time, so the event loop
 * goes on answering (health, other requests) and a runaway input can only exhaust its own worker. The .xlsx
 * reader (server/xlsx/parse-worker.ts, for the CLI) and the service's checks of an upload or a JSON save
 * (server/check-worker.ts) both run through it. A job may ask its caller questions while it runs (the
 * previous year's figures, from the database); see server/worker-job.ts for the worker's side.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { slots } from './xlsx/parse-slots';
import { workersAtOnce, type WorkerEntry } from './worker-entry';

export interface WorkerBounds {
  /** Stop the job after this long (default 30 s); the time starts with the worker, not while waiting for a slot. */
  timeoutMs: number;
  /** The worker's heap limit (default 768 MB). */
  maxMemoryMb: number;
}

/**
 * With the reader's default inflate limit (384 MB) these keep a read, worker and caller, under 1.5 GB of RSS:
 * the heap the worker may fill, the inflated parts outside it, and what the caller holds.
 */
export const defaultBounds: WorkerBounds = { timeoutMs: 30_000, maxMemoryMb: 768 };

/** Why a job gave no answer: too slow, out of memory, or a fault in the job's own code. */
export type WorkerFailure = { kind: 'too-slow'; ms: number } | { kind: 'out-of-memory'; mb: number } | { kind: 'reader-failed' };

export type WorkerResult<A> = { ok: true; answer: A } | { ok: false; failure: WorkerFailure };

/** Worker → caller: the answer, a question, or a fault the job caught (no error text crosses). */
export type FromWorker = { type: 'done'; value: unknown } | { type: 'ask'; id: number; question: unknown } | { type: 'fault' };
/** Caller → worker: the job, then the answers to its questions. */
export type ToWorker = { type: 'job'; job: unknown } | { type: 'reply'; id: number; value: unknown };

const slot = slots(workersAtOnce);

function runOnce<A>(
  entry: WorkerEntry, job: unknown, bounds: WorkerBounds, answer: (question: never) => Promise<unknown>, transfer: TransferListItem[],
): Promise<WorkerResult<A>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.entry, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: bounds.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, bounds.maxMemoryMb / 8)) },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const fail = (failure: WorkerFailure) => finish(() => resolve({ ok: false, failure }));
    const timer = setTimeout(() => fail({ kind: 'too-slow', ms: bounds.timeoutMs }), bounds.timeoutMs);
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'done') finish(() => resolve({ ok: true, answer: msg.value as A }));
      else if (msg.type === 'fault') fail({ kind: 'reader-failed' });
      else {
        // A question the caller cannot answer (the database is down) ends the job with the caller's error.
        answer(msg.question as never).then(
          (value) => settled || worker.postMessage({ type: 'reply', id: msg.id, value } satisfies ToWorker),
          (error: unknown) => finish(() => reject(error)),
        );
      }
    });
    worker.once('error', (err: Error & { code?: string }) => {
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory', mb: bounds.maxMemoryMb } : { kind: 'reader-failed' });
    });
    worker.once('exit', () => fail({ kind: 'reader-failed' }));
    worker.postMessage({ type: 'job', job } satisfies ToWorker, transfer);
  });
}

/**
 * Runs `job` in a fresh worker started from `entry`, within `bounds`, waiting for a slot first. `answer`
 * answers the questions the job asks; none by default. `transfer`: buffers of the job moved to the worker,
 * not copied (a 9 MB body copied by postMessage held the event loop for up to a second on a busy machine);
 * the caller must not use them afterwards.
 */
export function runInWorker<A>(
  entry: WorkerEntry, job: unknown, bounds: Partial<WorkerBounds> = {}, answer: (question: never) => Promise<unknown> = () => Promise.reject(new Error('no questions expected')),
  transfer: TransferListItem[] = [],
): Promise<WorkerResult<A>> {
  const given = { timeoutMs: bounds.timeoutMs ?? defaultBounds.timeoutMs, maxMemoryMb: bounds.maxMemoryMb ?? defaultBounds.maxMemoryMb };
  return slot(() => runOnce<A>(entry, job, given, answer, transfer));
}
