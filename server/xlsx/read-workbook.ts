import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WorkbookInput } from '../../shared/schemas';
import { toWorkbookInput } from './grid';
import type { ParseOutcome } from './parse-outcome';
import { defaultReadLimits, type ReadLimits } from './parse-xlsx';
import type { ReadProblem } from './read-problem';
import { sniffWorkbookBytes } from './sniff';
import { workbookReadError } from './workbook-read-error';
import { workerEntry } from '../worker-entry';
import { runInWorker } from '../worker-run';

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

const parseWorker = workerEntry('parse-worker', import.meta.url);

/** The reader's limits with the options' changes. */
export function readLimits(opts: Pick<ReadWorkbookOptions, 'maxUnpackedMb' | 'maxCells'> = {}): ReadLimits {
  return {
    ...defaultReadLimits,
    ...(opts.maxUnpackedMb !== undefined && { maxUnpackedBytes: opts.maxUnpackedMb * 1024 * 1024 }),
    ...(opts.maxCells !== undefined && { maxCells: opts.maxCells }),
  };
}

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

/**
 * Reads an .xlsx (a path or its bytes) into the Office.js-like WorkbookInput the core validates, in a worker
 * thread bounded in time and memory (server/worker-run.ts). Throws WorkbookReadError (its reason, and one line in Danish and English)
 * when the file is not a readable workbook.
 */
export async function readWorkbookFile(pathOrBuffer: string | Buffer, opts: ReadWorkbookOptions = {}): Promise<WorkbookInput> {
  const limits = readLimits(opts);
  const label = Buffer.isBuffer(pathOrBuffer) ? (opts.label ?? null) : basename(pathOrBuffer);
  const bytes = Buffer.isBuffer(pathOrBuffer) ? pathOrBuffer : await loadWorkbookBytes(pathOrBuffer, limits.maxUnpackedBytes);
  const sniffed = sniffWorkbookBytes(bytes);
  if (sniffed) throw workbookReadError(sniffed, label);
  // A copy, not a transfer: the caller's buffer may be a slice of a pooled one.
  const result = await runInWorker<ParseOutcome>(parseWorker, { bytes: new Uint8Array(bytes), limits }, { timeoutMs: opts.timeoutMs, maxMemoryMb: opts.maxMemoryMb });
  if (!result.ok) throw workbookReadError(result.failure, label);
  if (!result.answer.ok) throw workbookReadError(result.answer.problem, label);
  return toWorkbookInput(result.answer.parsed);
}
