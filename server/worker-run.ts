/**
 * The one way the service and the CLI run work that a hostile or huge input could make long or large: in a
 * fresh child process with a heap limit and a time limit, at most workersAtOnce at a time, so the event loop
 * goes on answering (health, other requests) and a runaway input can only exhaust its own process. The .xlsx
 * reader (server/xlsx/parse-worker.ts, for the CLI) and the service's checks of an upload or a JSON save
 * (server/check-worker.ts) both run through it. A job may ask its caller questions while it runs (the
 * previous year's figures, from the database); see server/worker-job.ts for the worker's side.
 * A process, not a worker thread: what a job allocates outside the JavaScript heap (the inflated parts of a
 * zip, the reader's buffers) is malloc'd memory, which glibc kept in the service after a thread ended
 * (+50 to +90 MB of RSS for good after a 100,000-row upload or a zip under-declaring 100 MB, with the heap
 * back where it was); a process gives all of it back when it ends.
 */
import { fork } from 'node:child_process';
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

/** V8's words when a heap limit stops a process (printed on its stderr before it aborts). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit/;

function runOnce<A>(entry: WorkerEntry, job: unknown, bounds: WorkerBounds, answer: (question: never) => Promise<unknown>): Promise<WorkerResult<A>> {
  return new Promise((resolve, reject) => {
    // The young generation bounded as a worker thread's was (resourceLimits): one eighth of the heap, 8–64 MB.
    const semiSpaceMb = Math.round(Math.min(64, Math.max(8, bounds.maxMemoryMb / 8)) / 3);
    const child = fork(entry.path, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${bounds.maxMemoryMb}`, `--max-semi-space-size=${semiSpaceMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // Only the end of its stderr is kept: enough for V8's out-of-memory line, never a job's text in an answer.
    let stderrTail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('latin1')).slice(-4096);
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      child.kill('SIGKILL');
    };
    const fail = (failure: WorkerFailure) => finish(() => resolve({ ok: false, failure }));
    const timer = setTimeout(() => fail({ kind: 'too-slow', ms: bounds.timeoutMs }), bounds.timeoutMs);
    child.on('message', (msg: FromWorker) => {
      if (msg.type === 'done') finish(() => resolve({ ok: true, answer: msg.value as A }));
      else if (msg.type === 'fault') fail({ kind: 'reader-failed' });
      else {
        // A question the caller cannot answer (the database is down) ends the job with the caller's error.
        answer(msg.question as never).then(
          (value) => settled || child.send({ type: 'reply', id: msg.id, value } satisfies ToWorker),
          (error: unknown) => finish(() => reject(error)),
        );
      }
    });
    child.once('error', () => fail({ kind: 'reader-failed' }));
    // stderr may still hold V8's last words when the process is gone: decide once it is read too.
    child.once('close', () => fail(OUT_OF_MEMORY.test(stderrTail) ? { kind: 'out-of-memory', mb: bounds.maxMemoryMb } : { kind: 'reader-failed' }));
    child.send({ type: 'job', job } satisfies ToWorker);
  });
}

/**
 * Runs `job` in a fresh worker process started from `entry`, within `bounds`, waiting for a slot first.
 * `answer` answers the questions the job asks; none by default.
 */
export function runInWorker<A>(
  entry: WorkerEntry, job: unknown, bounds: Partial<WorkerBounds> = {}, answer: (question: never) => Promise<unknown> = () => Promise.reject(new Error('no questions expected')),
): Promise<WorkerResult<A>> {
  const given = { timeoutMs: bounds.timeoutMs ?? defaultBounds.timeoutMs, maxMemoryMb: bounds.maxMemoryMb ?? defaultBounds.maxMemoryMb };
  return slot(() => runOnce<A>(entry, job, given, answer));
}
