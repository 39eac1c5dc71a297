/**
 * Reading a large .xlsx written by another program, as the CLI and an upload read it (readWorkbookFile: the
 * parse in a worker bounded in time and memory, then the grid), against SheetJS reading the same bytes
 * (XLSX.read, dense) — issue 12's target ≤ 1.5×. Each read in a child process of its own
 * (bench/reader-child.ts), so a peak RSS is that reader's alone; the files issue 12 found slow or unbounded
 * (bench/reader-hostile.ts) are read or refused once each, and the peak RSS over all of it must stay ≤ 1.5 GB.
 *
 * The large files are written outside git by bench/reader-corpus.ts (LibreOffice, Gnumeric and openpyxl,
 * where installed; `pip install openpyxl` is enough), with the public test suites cloned on this machine.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { absoluteWait, benchDir, median, progress, ratioWait, repoRoot } from './measure';
import { collectCorpus, corpusDir, corpusFiles } from './reader-corpus';
import { writeHostileFiles } from './reader-hostile';
import type { PartResult, Wait } from './types';

const part = 'reader';
const runs = 3;
const largeFiles = 2;
const maxRssMb = 1536;

interface ChildResult {
  ms: number[];
  result: string;
  peakRssMb: number;
}

async function child(reader: 'ours-worker' | 'sheetjs', file: string, n: number): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(benchDir, 'reader-child.ts'), reader, file, String(n)], {
    cwd: repoRoot,
    maxBuffer: 1024 * 1024,
    timeout: 600_000,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
  } catch {
    return { ms: [Number.NaN], result: 'crashed', peakRssMb: Number.NaN };
  }
}

export async function run(): Promise<PartResult> {
  progress(part, `gathering the corpus in ${corpusDir}`);
  collectCorpus();
  // Only the large files another program wrote: a small file times Node's start-up, not a reader.
  const large = corpusFiles().filter((f) => statSync(f).size > 1024 * 1024).slice(0, largeFiles);
  const rows: Wait[] = [];
  const notes: string[] = [];
  let worstRss = 0;
  for (const file of large) {
    progress(part, `${basename(file)}: ${runs} reads each, ours and SheetJS`);
    const ours = await child('ours-worker', file, runs);
    const sheetjs = await child('sheetjs', file, runs);
    worstRss = Math.max(worstRss, ours.peakRssMb);
    const wait = ratioWait({ part, wait: `read ${basename(file)} (${Math.round(statSync(file).size / 1024 / 1024)} MB), as the CLI and an upload do`, ms: ours.ms, floor: 'SheetJS XLSX.read, same bytes', floorMs: sheetjs.ms, maxRatio: 1.5 });
    // A refusal (the worker's 30 s bound on a busy machine, say) is quick to time but is not a read.
    const read = /^\d+ sheets$/.test(ours.result);
    rows.push(read ? wait : { ...wait, target: `read, ${wait.target}`, met: false });
    if (!read) notes.push(`NOT READ: ${basename(file)}: ${ours.result}`);
    notes.push(`${basename(file)}: ours ${ours.ms.map(Math.round).join(', ')} ms (${ours.result}, peak RSS ${Math.round(ours.peakRssMb)} MB), SheetJS ${sheetjs.ms.map(Math.round).join(', ')} ms (peak RSS ${Math.round(sheetjs.peakRssMb)} MB)`);
  }
  if (large.length === 0) notes.push(`NO large file in ${corpusDir}: install openpyxl (pip install openpyxl), LibreOffice or Gnumeric and run again`);

  progress(part, 'the hostile files, once each');
  const hostile = await writeHostileFiles(join(tmpdir(), 'partnerskab-reader-hostile'));
  const slowest = { ms: 0, name: '' };
  for (const h of hostile) {
    const r = await child('ours-worker', h.file, 1);
    worstRss = Math.max(worstRss, r.peakRssMb);
    if (r.ms[0] > slowest.ms) Object.assign(slowest, { ms: r.ms[0], name: h.name });
    notes.push(`hostile ${h.name}: ${Math.round(median(r.ms))} ms, ${r.result}, peak RSS ${Math.round(r.peakRssMb)} MB`);
  }
  rows.push(absoluteWait({ part, wait: `peak RSS of a read, over the files above and ${hostile.length} hostile ones`, value: worstRss, unit: 'MB', target: `≤ ${maxRssMb.toLocaleString('en-GB')} MB`, met: worstRss <= maxRssMb, runs: null }));
  notes.push(`each read in a child process of its own under tsx (the worker too), the process's peak RSS; the slowest hostile file: ${slowest.name}, ${Math.round(slowest.ms)} ms`);
  return { rows, notes };
}
