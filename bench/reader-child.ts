/**
 * Child process of bench/reader.bench.ts: reads one file with one reader and prints one JSON line with the
 * times and the peak RSS, so each reader's peak is its own and not the bench runner's.
 *
 *   node --import tsx bench/reader-child.ts <ours|ours-worker|sheetjs|exceljs> <file> [runs]
 *
 * ours: our reader in this thread (the parse and the grid: the reader's own work). ours-worker: readWorkbookFile,
 * as the CLI and the upload call it (a worker thread, bounded in time and memory). sheetjs: XLSX.read, dense.
 * exceljs: Workbook.xlsx.load.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { toWorkbookInput } from '../server/xlsx/grid';
import { parseOutcome } from '../server/xlsx/parse-outcome';
import { readWorkbookFile } from '../server/xlsx/read-workbook';

const [reader, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const bytes = readFileSync(file);

async function once(): Promise<string> {
  switch (reader) {
    case 'ours': {
      const o = parseOutcome(bytes);
      if (!o.ok) return `refused: ${o.problem.kind}`;
      const input = toWorkbookInput(o.parsed);
      return `${input.sheets.length} sheets`;
    }
    case 'ours-worker': {
      try {
        return `${(await readWorkbookFile(bytes)).sheets.length} sheets`;
      } catch (err) {
        return `refused: ${(err as { reason?: string }).reason}`;
      }
    }
    case 'sheetjs':
      return `${XLSX.read(bytes, { type: 'buffer', dense: true }).SheetNames.length} sheets`;
    case 'exceljs': {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return `${wb.worksheets.length} sheets`;
    }
  }
  throw new Error(`unknown reader ${reader}`);
}

const ms: number[] = [];
// CPU time of the whole process (worker threads included): steadier than wall time on a busy machine.
const cpuMs: number[] = [];
let result = '';
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  try {
    result = await once();
  } catch (err) {
    result = `failed: ${(err as Error).message.slice(0, 80)}`;
  }
  ms.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
}
console.log(JSON.stringify({ reader, file, ms, cpuMs, result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
