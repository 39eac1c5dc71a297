/**
 * Runs inside a worker thread with a memory limit, so a hostile or huge file can only exhaust the worker:
 * the caller terminates it and answers with one line. Messages: in `{ bytes }`, out ParseResult.
 */
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { workbookToInput } from './convert-sheet';
import type { WorkbookInput } from '../../shared/schemas';

export type ParseResult =
  | { ok: true; workbook: WorkbookInput }
  | { ok: false; reason: 'no-sheets' | 'unreadable' | 'too-big'; detail: string };

// Far beyond any budget or membership sheet, and small enough that the grid crosses back to the caller.
const maxCells = 5_000_000;

async function parse(bytes: Uint8Array): Promise<ParseResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'unreadable', detail: detail.split('\n', 1)[0] };
  }
  if (wb.worksheets.length === 0) return { ok: false, reason: 'no-sheets', detail: '' };
  const workbook = workbookToInput(wb);
  for (const sheet of workbook.sheets) {
    const cells = sheet.values.length * (sheet.values[0]?.length ?? 0);
    if (cells > maxCells) {
      return { ok: false, reason: 'too-big', detail: `sheet "${sheet.name}" spans ${sheet.values.length} rows × ${sheet.values[0].length} columns` };
    }
  }
  return { ok: true, workbook };
}

parentPort?.once('message', (msg: { bytes: Uint8Array }) => {
  parse(msg.bytes).then(
    (result) => parentPort?.postMessage(result),
    (err: unknown) => parentPort?.postMessage({ ok: false, reason: 'unreadable', detail: err instanceof Error ? err.message.split('\n', 1)[0] : String(err) }),
  );
});
