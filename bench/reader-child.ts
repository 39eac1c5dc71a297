/**
 * Child process of bench/reader.bench.ts: reads one file with one reader `runs` times and prints one JSON line
 * with the times and the peak RSS, so each reader's peak is its own and not the bench runner's.
 *
 *   node --import tsx bench/reader-child.ts <ours-worker|sheetjs> <file> [runs]
 *
 * ours-worker: readWorkbookFile, as the CLI and an upload call it (a worker thread bounded in time and memory,
 * then the grid). sheetjs: XLSX.read, dense.
 */
import { readFileSync } from 'node:fs';
import XLSX from 'xlsx';
import { readWorkbookFile } from '../server/xlsx/read-workbook';

const [reader, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const bytes = readFileSync(file);

async function once(): Promise<string> {
  if (reader === 'sheetjs') return `${XLSX.read(bytes, { type: 'buffer', dense: true }).SheetNames.length} sheets`;
  if (reader !== 'ours-worker') throw new Error(`unknown reader ${reader}`);
  try {
    return `${(await readWorkbookFile(bytes)).sheets.length} sheets`;
  } catch (err) {
    return `refused: ${(err as { reason?: string }).reason}`;
  }
}

const ms: number[] = [];
let result = '';
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  try {
    result = await once();
  } catch (err) {
    result = `failed: ${(err as Error).message.slice(0, 80)}`;
  }
  ms.push(performance.now() - t);
}
console.log(JSON.stringify({ reader, file, ms, result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
