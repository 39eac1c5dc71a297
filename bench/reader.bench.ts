/**
 * Issue 12's reader: the large files of the corpus read by our reader, SheetJS and exceljs, each in a child
 * process of its own (bench/reader-child.ts) so the peak RSS is that reader's. Targets: our read ≤ 1.5× SheetJS's
 * on the large files, peak RSS ≤ 1.5 GB whatever the file, the slow cases issue 12 found read in well under a
 * second. Then the whole corpus in process: how many files are read and how many refused, by reason.
 *
 * The corpus is gathered outside git by bench/reader-corpus.ts (public test suites cloned on this machine, and
 * large files written by LibreOffice, Gnumeric and openpyxl); without it only the hostile files are measured.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import XLSX from 'xlsx';
import { parseOutcome } from '../server/xlsx/parse-outcome';
import { collectCorpus, corpusDir, corpusFiles } from './reader-corpus';
import { writeHostileFiles } from './reader-hostile';
import type { BenchSection } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 1536;
const RUNS = 3;
const LARGE_FILES = 6;

interface ChildResult {
  reader: string;
  ms: number[];
  cpuMs: number[];
  result: string;
  peakRssMb: number;
}

async function child(reader: string, file: string, runs = RUNS): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'reader-child.ts'), reader, file, String(runs)], {
    cwd: root,
    maxBuffer: 1024 * 1024,
    timeout: 600_000,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ChildResult;
  } catch {
    return { reader, ms: [Number.NaN], cpuMs: [Number.NaN], result: 'crashed', peakRssMb: Number.NaN };
  }
}

const round = (n: number) => Math.round(n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Read / refused over every corpus file, in this process (the reader alone, no worker). */
function corpusCounts(files: string[]): { read: number; refused: Record<string, number>; sheetjsOnly: string[] } {
  let read = 0;
  const refused: Record<string, number> = {};
  const sheetjsOnly: string[] = [];
  for (const f of files) {
    const bytes = readFileSync(f);
    const o = parseOutcome(bytes);
    if (o.ok) {
      read++;
      continue;
    }
    refused[o.problem.kind] = (refused[o.problem.kind] ?? 0) + 1;
    try {
      if (XLSX.read(bytes, { type: 'buffer', dense: true }).SheetNames.length > 0) sheetjsOnly.push(`${basename(f)} (${o.problem.kind})`);
    } catch {
      // SheetJS refuses it too.
    }
  }
  return { read, refused, sheetjsOnly };
}

export async function run(): Promise<BenchSection> {
  collectCorpus();
  const all = corpusFiles();
  const large = all.slice(0, LARGE_FILES);
  const hostile = await writeHostileFiles(join(tmpdir(), 'partnerskab-reader-hostile'));
  const rows: BenchSection['rows'] = [];
  const notes: string[] = [];
  let worstRatio = 0;
  let worstCpuRatio = 0;
  let worstRss = 0;

  for (const file of large) {
    // exceljs is read once: it is the reference for what the product read before, and takes the longest.
    const [ours, worker, sheetjs, exceljs] = [await child('ours', file), await child('ours-worker', file), await child('sheetjs', file), await child('exceljs', file, 1)];
    const ratio = median(ours.ms) / median(sheetjs.ms);
    const cpuRatio = median(ours.cpuMs) / median(sheetjs.cpuMs);
    worstRatio = Math.max(worstRatio, ratio);
    worstCpuRatio = Math.max(worstCpuRatio, cpuRatio);
    worstRss = Math.max(worstRss, ours.peakRssMb, worker.peakRssMb);
    rows.push({
      file: basename(file),
      'size KB': round(statSync(file).size / 1024),
      'ours ms': round(median(ours.ms)),
      'ours (worker) ms': round(median(worker.ms)),
      'sheetjs ms': round(median(sheetjs.ms)),
      'exceljs ms': round(median(exceljs.ms)),
      'ours / sheetjs': Math.round(ratio * 100) / 100,
      'ours cpu ms': round(median(ours.cpuMs)),
      'sheetjs cpu ms': round(median(sheetjs.cpuMs)),
      'ours / sheetjs (cpu)': Math.round(cpuRatio * 100) / 100,
      'ours rss MB': round(ours.peakRssMb),
      'ours (worker) rss MB': round(worker.peakRssMb),
      'sheetjs rss MB': round(sheetjs.peakRssMb),
      'exceljs rss MB': round(exceljs.peakRssMb),
      ours: ours.result,
    });
  }
  for (const h of hostile) {
    const worker = await child('ours-worker', h.file, 1);
    const ours = await child('ours', h.file, 1);
    worstRss = Math.max(worstRss, worker.peakRssMb);
    rows.push({ file: `${h.name}.xlsx (hostile)`, 'size KB': round(statSync(h.file).size / 1024), 'ours ms': round(ours.ms[0]), 'ours cpu ms': round(ours.cpuMs[0]), 'ours (worker) ms': round(worker.ms[0]), 'ours (worker) rss MB': round(worker.peakRssMb), ours: worker.result });
  }

  if (large.length > 0) {
    const met = (r: number) => (r <= TARGET_RATIO ? 'met' : 'MISSED');
    notes.push(
      `largest ${large.length} corpus files: ours / SheetJS at most ${worstRatio.toFixed(2)}× in wall time, ${worstCpuRatio.toFixed(2)}× in CPU time (median of ${RUNS} reads each; target ≤ ${TARGET_RATIO}×: ${met(worstRatio)}, ${met(worstCpuRatio)})`,
    );
    const counts = corpusCounts(all);
    const refused = Object.entries(counts.refused).map(([k, n]) => `${k} ${n}`).join(', ');
    notes.push(`corpus (${corpusDir}): ${all.length} files, ${counts.read} read, ${all.length - counts.read} refused (${refused})`);
    if (counts.sheetjsOnly.length > 0) notes.push(`refused here but opened by SheetJS: ${counts.sheetjsOnly.join('; ')}`);
  } else {
    notes.push(`no corpus at ${corpusDir} (run npx tsx bench/reader-corpus.ts): hostile files only`);
  }
  notes.push(`peak RSS of our reader at most ${round(worstRss)} MB over every file above (target ≤ ${TARGET_RSS_MB} MB: ${worstRss <= TARGET_RSS_MB ? 'met' : 'MISSED'})`);
  notes.push('"ours" is the parse and the grid in one thread; "ours (worker)" is readWorkbookFile as the CLI and the upload call it, a worker started under tsx per read');
  const load = loadavg()[0];
  if (load > cpus().length) notes.push(`machine busy during the run (load ${load.toFixed(1)} on ${cpus().length} cores): wall times are inflated`);
  return { name: 'Reader (.xlsx files other programs write)', rows, notes };
}
