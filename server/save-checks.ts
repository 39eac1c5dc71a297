/**
 * Where a JSON save is checked: in worker threads (server/save-worker.ts), so that reading the body,
 * validating the workbook, hashing and serialising it (about half of a save's CPU) do not hold the event
 * loop that answers every other request, and a second core can do that half. One worker per core but the
 * one the service keeps for itself (1 to 4); started with the first save.
 *
 * Messages, per job:
 *   service → worker  { check, text, hint }   hint: the membership of the year before the one the last save
 *                     was for, as the service holds it now (key, rows if this worker was not sent them last).
 *                     Saves come for one year at a time, so the worker seldom needs to ask:
 *   worker → service  { previous, year }   the previous year's membership?   → { previous, key } (0: none)
 *   worker → service  { rows, key }        rows of a key it has not kept     → { rows, previous }
 *   worker → service  { done, result } or { failed, message }
 * Each message wakes the other thread, which costs more than the message; and a job that need not wait is
 * done before the next one starts, so its data dies young instead of piling up across the jobs waiting for
 * an answer. With the hint the service spent 0.97–1.08 ms of CPU per save, without it (a round trip per
 * save) 1.25–1.26 ms: 1,234–1,347 against 1,032–1,043 saves/s (bench probe, PostgreSQL, interleaved).
 */
import { Worker } from 'node:worker_threads';
import type { PreviousMembership, ProgrammeConfig } from '../shared/index';
import { checkSaveBody, type CheckedBody, type PreviousOf } from './save-check';
import { workerEntry, workersAtOnce } from './worker-entry';

/** The previous membership of a year as the service holds it now: its key, and its rows unless sent before. */
export interface PreviousHint {
  year: number;
  key: number;
  previous?: PreviousMembership;
}

export type FromService =
  | { type: 'check'; job: number; text: string; hint: PreviousHint | null }
  | { type: 'previous'; job: number; key: number }
  | { type: 'previous'; job: number; failed: string }
  | { type: 'rows'; job: number; previous: PreviousMembership };

export type ToService =
  | { type: 'previous'; job: number; year: number }
  | { type: 'rows'; job: number; key: number }
  | { type: 'done'; job: number; result: CheckedBody }
  | { type: 'failed'; job: number; message: string };

export type SaveChecker = (text: string, previousOf: PreviousOf) => Promise<CheckedBody>;

/** The same checks in this process: for tests that compare the two, and where threads are not wanted. */
export function checkInProcess(config: ProgrammeConfig): SaveChecker {
  return (text, previousOf) => checkSaveBody(text, config, previousOf);
}

interface Job {
  previousOf: PreviousOf;
  previous: PreviousMembership | null;
  resolve: (result: CheckedBody) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
  /** The key whose rows this worker was sent last. */
  lastKey: number;
}

const saveWorker = workerEntry('save-worker', import.meta.url);
/** As the .xlsx parse worker's: a 6 MB body (40,000 rows a sheet) was checked well within it; the JSON limit is 10 MB. */
const WORKER_HEAP_MB = 1024;
/**
 * A job's data dies with the job, before the next one starts: a small young generation does. Saves cost the
 * same CPU with 24 MB as with 96 MB (measured), and it keeps the worker's resident memory small.
 */
const WORKER_YOUNG_MB = 24;

export interface WorkerSaveChecker extends SaveChecker {
  /** Stops the workers; a later save starts them again. */
  close(): Promise<void>;
}

export function checkInWorkers(config: ProgrammeConfig, size = workersAtOnce): WorkerSaveChecker {
  const threads: Thread[] = [];
  let nextJob = 1;
  // A key per PreviousMembership object: the service's read cache hands out the same object while it holds,
  // so a worker that kept the rows under this key needs only the key again.
  const keys = new WeakMap<PreviousMembership, number>();
  let nextKey = 1;
  /** The year the last checked save was for. */
  let lastYear: number | null = null;
  const keyOf = (p: PreviousMembership) => {
    let key = keys.get(p);
    if (key === undefined) keys.set(p, (key = nextKey++));
    return key;
  };

  function stopped(thread: Thread, error: Error): void {
    const at = threads.indexOf(thread);
    if (at >= 0) threads.splice(at, 1);
    for (const job of thread.jobs.values()) job.reject(new Error(`The save checks stopped: ${error.message}`));
    thread.jobs.clear();
  }

  function start(): Thread {
    const worker = new Worker(saveWorker.entry, {
      eval: saveWorker.eval,
      workerData: { config },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const thread: Thread = { worker, jobs: new Map(), lastKey: 0 };
    // An idle worker must not keep the process alive; a busy one must, or a caller could wait forever.
    worker.unref();
    worker.on('message', (message: ToService) => answer(thread, message));
    worker.on('error', (error) => stopped(thread, error));
    worker.on('exit', (code) => stopped(thread, new Error(`the worker exited with code ${code}`)));
    threads.push(thread);
    return thread;
  }

  function finish(thread: Thread, job: number): Job | undefined {
    const found = thread.jobs.get(job);
    thread.jobs.delete(job);
    if (thread.jobs.size === 0) thread.worker.unref();
    return found;
  }

  function answer(thread: Thread, message: ToService): void {
    const { worker, jobs } = thread;
    const job = jobs.get(message.job);
    if (!job) return;
    switch (message.type) {
      case 'previous':
        lastYear = message.year + 1;
        job.previousOf(message.year).then(
          (previous) => {
            job.previous = previous;
            worker.postMessage({ type: 'previous', job: message.job, key: previous ? keyOf(previous) : 0 } satisfies FromService);
          },
          (error: unknown) => worker.postMessage({ type: 'previous', job: message.job, failed: error instanceof Error ? error.message : String(error) } satisfies FromService),
        );
        return;
      case 'rows':
        worker.postMessage({ type: 'rows', job: message.job, previous: job.previous! } satisfies FromService);
        return;
      case 'done': {
        const { result } = message;
        if (result.kind === 'checked') lastYear = result.workbook.kind === 'valid' ? result.workbook.save.year : result.workbook.report.year ?? lastYear;
        finish(thread, message.job)?.resolve(result);
        return;
      }
      case 'failed':
        finish(thread, message.job)?.reject(new Error(message.message));
        return;
    }
  }

  async function hintFor(thread: Thread, job: Job): Promise<PreviousHint | null> {
    if (lastYear === null) return null;
    const year = lastYear - 1;
    const previous = await job.previousOf(year).catch(() => undefined);
    // A failed read is not the worker's business unless it needs that year: then it asks, and hears why.
    if (previous === undefined) return null;
    job.previous = previous;
    const key = previous ? keyOf(previous) : 0;
    if (!previous || key === thread.lastKey) return { year, key };
    thread.lastKey = key;
    return { year, key, previous };
  }

  const check: SaveChecker = (text, previousOf) =>
    new Promise<CheckedBody>((resolve, reject) => {
      let thread = threads.reduce<Thread | undefined>((best, t) => (!best || t.jobs.size < best.jobs.size ? t : best), undefined);
      if (!thread || (thread.jobs.size > 0 && threads.length < size)) thread = start();
      const job = nextJob++;
      if (thread.jobs.size === 0) thread.worker.ref();
      const waiting: Job = { previousOf, previous: null, resolve, reject };
      thread.jobs.set(job, waiting);
      const to = thread;
      void hintFor(to, waiting).then((hint) => to.worker.postMessage({ type: 'check', job, text, hint } satisfies FromService));
    });

  return Object.assign(check, {
    async close() {
      const stopping = threads.splice(0);
      await Promise.all(stopping.map((t) => t.worker.terminate()));
    },
  });
}

const shared = new WeakMap<ProgrammeConfig, WorkerSaveChecker>();

/** One set of workers per programme configuration in a process, whatever the number of apps made in it. */
export function sharedSaveChecks(config: ProgrammeConfig): WorkerSaveChecker {
  let checker = shared.get(config);
  if (!checker) shared.set(config, (checker = checkInWorkers(config)));
  return checker;
}
