import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkbookInput } from '../../shared/schemas';
import { toWorkbookInput } from './grid';
import { slots } from './parse-slots';
import type { ParseOutcome } from './parse-outcome';
import { defaultReadLimits, type ReadLimits } from './parse-xlsx';
import type { ReadProblem } from './read-problem';
import { sniffWorkbookBytes } from './sniff';
import { workbookReadError } from './workbook-read-error';
import { workerEntry, workersAtOnce } from '../worker-entry';

export { WorkbookReadError, type WorkbookReadReason } from './workbook-read-error';

export interface ReadWorkbookOptions {
  /** Stop the parse after this long (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of the parsing worker (default 768 MB). */
  maxMemoryMb?: number;
  /** Bytes the parts read may inflate to, all together (default 384 MB). */
  maxUnpackedMb?: number;
  /** Cells of the sheets' used ranges, all together (default 5,000,000). */
  maxCells?: number;
  /** The file's name in refusals, where the bytes are given (`validate --fix` reads them once, to patch the same). */
  label?: string;
}

const defaultTimeoutMs = 30_000;
/**
 * With the default inflate limit this keeps the whole read, worker and caller, under 1.5 GB of RSS: the heap
 * the worker may fill, the inflated parts outside it (at most maxUnpackedMb), and the grid built here.
 */
const defaultMaxMemoryMb = 768;
/**
 * At most workersAtOnce parses at once in this process: each worker may take defaultMaxMemoryMb, and ten
 * uploads at the same moment would otherwise start ten.
 */
const parseSlot = slots(workersAtOnce);

const parseWorker = workerEntry('parse-worker', import.meta.url);

/** The file's bytes, refused (WorkbookReadError) when it is missing, a folder, unreadable or over the size the reader takes. */
export async function loadWorkbookBytes(path: string, maxBytes: number = defaultReadLimits.maxUnpackedBytes): Promise<Buffer> {
  const label = basename(path);
  let problem: ReadProblem;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw workbookReadError({ kind: 'is-directory', path }, label);
    if (info.size > maxBytes) throw workbookReadError({ kind: 'file-too-big', mb: Math.round(info.size / 1024 / 1024), limitMb: Math.round(maxBytes / 1024 / 1024) }, label);
    return await readFile(path);
  } catch (err) {
    if (!(err instanceof Error) || err.name === 'WorkbookReadError') throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') problem = { kind: 'not-found', path };
    else if (code === 'EACCES' || code === 'EPERM') problem = { kind: 'no-permission', path };
    else problem = { kind: 'cannot-open', path, code: code ?? 'EIO' };
  }
  throw workbookReadError(problem, label);
}

function parseInWorker(bytes: Buffer, label: string | null, limits: ReadLimits, timeoutMs: number, maxMemoryMb: number): Promise<WorkbookInput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(parseWorker.entry, {
      eval: parseWorker.eval,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, maxMemoryMb / 8)) },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const fail = (problem: ReadProblem) => finish(() => reject(workbookReadError(problem, label)));
    const timer = setTimeout(() => fail({ kind: 'too-slow', ms: timeoutMs }), timeoutMs);
    worker.once('message', (outcome: ParseOutcome) => {
      if (!outcome.ok) return fail(outcome.problem);
      finish(() => resolve(toWorkbookInput(outcome.parsed)));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory', mb: maxMemoryMb } : { kind: 'reader-failed' });
    });
    worker.once('exit', () => fail({ kind: 'reader-failed' }));
    // A copy, not a transfer: the caller's buffer may be a slice of a pooled one.
    worker.postMessage({ bytes: new Uint8Array(bytes), limits });
  });
}

/**
 * Reads an .xlsx (a path or its bytes) into the Office.js-like WorkbookInput the core validates, in a worker
 * thread bounded in time and memory. Throws WorkbookReadError (its reason, and one line in Danish and English)
 * when the file is not a readable workbook.
 */
export async function readWorkbookFile(pathOrBuffer: string | Buffer, opts: ReadWorkbookOptions = {}): Promise<WorkbookInput> {
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  const maxMemoryMb = opts.maxMemoryMb ?? defaultMaxMemoryMb;
  const limits: ReadLimits = {
    ...defaultReadLimits,
    ...(opts.maxUnpackedMb !== undefined && { maxUnpackedBytes: opts.maxUnpackedMb * 1024 * 1024 }),
    ...(opts.maxCells !== undefined && { maxCells: opts.maxCells }),
  };
  const label = Buffer.isBuffer(pathOrBuffer) ? (opts.label ?? null) : basename(pathOrBuffer);
  const bytes = Buffer.isBuffer(pathOrBuffer) ? pathOrBuffer : await loadWorkbookBytes(pathOrBuffer, limits.maxUnpackedBytes);
  const sniffed = sniffWorkbookBytes(bytes);
  if (sniffed) throw workbookReadError(sniffed, label);
  // The time limit starts with the parse, not while waiting for a slot.
  return parseSlot(() => parseInWorker(bytes, label, limits, timeoutMs, maxMemoryMb));
}
