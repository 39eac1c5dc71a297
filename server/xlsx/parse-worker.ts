/**
 * Runs inside a worker thread with a memory limit, so a hostile or huge file can only exhaust the worker:
 * the caller terminates it and answers with one line. Messages: in `{ bytes, limits }`, out ParseOutcome,
 * the cells' typed arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { parseOutcome, type ParseOutcome } from './parse-outcome';
import type { ReadLimits } from './parse-xlsx';
import { transferables } from './sheet-cells';

parentPort?.once('message', (msg: { bytes: Uint8Array; limits: ReadLimits }) => {
  let outcome: ParseOutcome;
  try {
    outcome = parseOutcome(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength), msg.limits);
  } catch {
    // A fault of the reader's own: the caller says the file could not be read, without the error's text.
    outcome = { ok: false, problem: { kind: 'reader-failed' } };
  }
  parentPort?.postMessage(outcome, outcome.ok ? outcome.parsed.sheets.flatMap(transferables) : []);
});
