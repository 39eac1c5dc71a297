import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkbookInput } from '../../shared/schemas';
import { slots } from './parse-slots';
import { sniffWorkbookBytes } from './sniff';
import { WorkbookReadError } from './workbook-read-error';
import { workerEntry, workersAtOnce } from '../worker-entry';
import type { ParseResult } from './parse-worker';

export { WorkbookReadError, type WorkbookReadReason } from './workbook-read-error';

export interface ReadWorkbookOptions {
  /** Stop the parse after this long (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of the parsing worker (default 1024 MB). */
  maxMemoryMb?: number;
}

const defaultTimeoutMs = 30_000;
const defaultMaxMemoryMb = 1024;
/**
 * At most workersAtOnce parses at once in this process: each worker may take defaultMaxMemoryMb, and ten
 * uploads at the same moment would otherwise start ten.
 */
const parseSlot = slots(workersAtOnce);

const parseWorker = workerEntry('parse-worker', import.meta.url);

async function loadBytes(pathOrBuffer: string | Buffer, maxMemoryMb: number): Promise<{ bytes: Buffer; label: string }> {
  if (Buffer.isBuffer(pathOrBuffer)) return { bytes: pathOrBuffer, label: 'The file' };
  const label = basename(pathOrBuffer);
  try {
    const info = await stat(pathOrBuffer);
    if (info.isDirectory()) throw new WorkbookReadError('not-found', `${pathOrBuffer} is a directory, not an .xlsx file.`);
    if (info.size > maxMemoryMb * 1024 * 1024) {
      throw new WorkbookReadError('too-big', `${label} is ${Math.round(info.size / 1024 / 1024)} MB, more than the ${maxMemoryMb} MB limit: it cannot be a budget or membership workbook.`);
    }
    return { bytes: await readFile(pathOrBuffer), label };
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookReadError('not-found', `${pathOrBuffer}: no such file; check the path.`);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookReadError('not-found', `${pathOrBuffer}: permission denied.`);
    throw new WorkbookReadError('unreadable', `${pathOrBuffer} could not be opened (${code ?? String(err)}).`);
  }
}

function parseInWorker(bytes: Buffer, label: string, timeoutMs: number, maxMemoryMb: number): Promise<WorkbookInput> {
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
    const timer = setTimeout(() => {
      finish(() =>
        reject(new WorkbookReadError('too-slow', `${label} took more than ${formatSeconds(timeoutMs)} to read and was stopped: the file is damaged or far larger than a budget or membership workbook.`)),
      );
    }, timeoutMs);
    worker.once('message', (result: ParseResult) => {
      finish(() => {
        if (result.ok) return resolve(result.workbook);
        if (result.reason === 'no-sheets') return reject(new WorkbookReadError('no-sheets', `${label} has no worksheets: add the budget and membership sheets and save again.`));
        if (result.reason === 'too-big') return reject(new WorkbookReadError('too-big', `${label} is too big to read (${result.detail}): delete the stray cells far below or right of the data.`));
        reject(new WorkbookReadError('unreadable', `${label} could not be read as an xlsx workbook (${result.detail}): open it in Excel and save it again as .xlsx.`));
      });
    });
    worker.once('error', (err: Error & { code?: string }) => {
      finish(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new WorkbookReadError('too-big', `${label} needs more than ${maxMemoryMb} MB of memory to read and was stopped: the file is damaged or far larger than a budget or membership workbook.`));
        } else {
          reject(new WorkbookReadError('unreadable', `${label} could not be read as an xlsx workbook (${err.message.split('\n', 1)[0]}).`));
        }
      });
    });
    worker.once('exit', (code) => {
      finish(() => reject(new WorkbookReadError('unreadable', `${label} could not be read: the reader stopped unexpectedly (exit code ${code}).`)));
    });
    // A copy, not a transfer: the caller's buffer may be a slice of a pooled one.
    worker.postMessage({ bytes: new Uint8Array(bytes) });
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * Reads an .xlsx (a path or its bytes) into the Office.js-like WorkbookInput the core validates.
 * Throws WorkbookReadError with a one-line reason when the file is not a readable workbook.
 */
export async function readWorkbookFile(pathOrBuffer: string | Buffer, opts: ReadWorkbookOptions = {}): Promise<WorkbookInput> {
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  const maxMemoryMb = opts.maxMemoryMb ?? defaultMaxMemoryMb;
  const { bytes, label } = await loadBytes(pathOrBuffer, maxMemoryMb);
  sniffWorkbookBytes(bytes, label, maxMemoryMb);
  // The time limit starts with the parse, not while waiting for a slot.
  return parseSlot(() => parseInWorker(bytes, label, timeoutMs, maxMemoryMb));
}
