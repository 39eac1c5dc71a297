/**
 * validateWorkbook on synthetic 1k/10k/100k-row budget + membership sheets (what Kontrollér, the CLI and a save
 * run), beside a bare loop that reads the same cells, checks each type, and trims and lower-cases each text —
 * the least any reader of these sheets does. Floor the plain core must hold: ≤ 50 ms at 10k + 10k rows, and
 * linear in rows.
 */
import { copenhagen, validateWorkbook } from '../shared/index';
import type { CellValue, SheetGrid, WorkbookInput } from '../shared/schemas';
import { absoluteWait } from './measure';
import type { PartResult } from './types';

const targetMs = 50;
/** Linear in rows: the cost per cell stays within this factor from 1k to 100k rows. */
const maxSpread = 2;

// Canonical names and the aliases staff write, so district matching sees both.
const districtSpellings = [...copenhagen.districts.map((d) => d.name), copenhagen.cityWide.name, 'Nordvest', 'Sydhavnen', 'Tingbjerg', 'amagerbro', 'NØRREBRO'];

/** A budget and a membership sheet of `rows` associations, every row valid, amounts partly as Danish text. */
export function syntheticWorkbook(rows: number): WorkbookInput {
  const budget: CellValue[][] = [
    ['Sociale partnerskaber — budget 2025 (syntetisk)'],
    [],
    ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Lønudgift', 'Overenskomst', 'Finansiering', 'Konsulent'],
  ];
  const membership: CellValue[][] = [
    ['Forening', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Piger', 'Drenge', 'Medlemmer i alt'],
  ];
  for (let i = 0; i < rows; i++) {
    const name = `Forening ${String(i + 1).padStart(6, '0')}`;
    const textAmounts = i % 4 === 0;
    budget.push([
      name,
      districtSpellings[i % districtSpellings.length],
      'standard',
      textAmounts ? '250.000 kr.' : 250_000,
      textAmounts ? '60.000,00' : 60_000 + (i % 7) * 1_000,
      25 + (i % 10),
      textAmounts ? '325.000 kr.' : 330_000 + (i % 5) * 1_000,
      i % 3 === 0 ? 'x' : 'Ja',
      'Varige midler',
      `Konsulent ${'ABC'[i % 3]}`,
    ]);
    const under25 = 100 + (i % 900);
    const a = Math.floor(under25 / 2);
    const b = Math.floor(under25 / 3);
    const girls = Math.floor(under25 / 2);
    membership.push([name, a, b, under25 - a - b, under25, girls, under25 - girls, under25 * 2]);
  }
  const rectangular = (grid: CellValue[][]): CellValue[][] => {
    const width = Math.max(...grid.map((r) => r.length));
    return grid.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill('')]);
  };
  const sheets: SheetGrid[] = [
    { name: 'Budget 2025', values: rectangular(budget) },
    { name: 'Medlemstal 2025', values: rectangular(membership) },
  ];
  return { sheets };
}

/** Every cell of every sheet: its type checked, each text trimmed and lower-cased. */
export function bareLoop(workbook: WorkbookInput): number {
  let seen = 0;
  for (const sheet of workbook.sheets) {
    const values = sheet.values;
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'string') {
          const s = v.trim().toLowerCase();
          seen += s.length;
        } else if (typeof v === 'number') seen += 1;
        else if (typeof v === 'boolean') seen += 2;
      }
    }
  }
  return seen;
}

function cellCount(workbook: WorkbookInput): number {
  let n = 0;
  for (const s of workbook.sheets) for (const row of s.values) n += row.length;
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function elapsedMs(f: () => unknown): [number, unknown] {
  const t = process.hrtime.bigint();
  const out = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, out];
}

/**
 * Core and bare loop timed in alternation, so that load from other processes on a shared machine
 * falls on both alike and the ratio stays meaningful.
 */
function timeInterleaved(runs: number, core: () => unknown, bare: () => number): { coreMs: number; bareMs: number } {
  const coreTimes: number[] = [];
  const bareTimes: number[] = [];
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const [c, report] = elapsedMs(core);
    // The bare loop is too quick to time alone at 1k rows; three passes per sample, divided.
    const [b, seen] = elapsedMs(() => bare() + bare() + bare());
    coreTimes.push(c);
    bareTimes.push(b / 3);
    sink += (report ? 1 : 0) + Number(seen);
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return { coreMs: median(coreTimes), bareMs: median(bareTimes) };
}

export async function run(): Promise<PartResult> {
  const sizes = [
    { rows: 1_000, runs: 31 },
    { rows: 10_000, runs: 21 },
    { rows: 100_000, runs: 7 },
  ];
  const measured: Array<{ rows: number; cells: number; coreMs: number; bareMs: number; runs: number }> = [];
  for (const { rows: n, runs } of sizes) {
    const workbook = syntheticWorkbook(n);
    // Correctness first: a benchmark of a core that finds errors in valid rows would measure the wrong thing.
    const report = validateWorkbook(workbook);
    if (report.counts.error > 0) throw new Error(`synthetic workbook has ${report.counts.error} errors, e.g. ${report.issues[0].code} ${report.issues[0].cell}`);
    if (report.data.budget.length !== n || report.data.membership.length !== n) throw new Error('synthetic workbook: rows not read');
    // Warm up both so the JIT has compiled them before timing.
    for (let i = 0; i < 3; i++) {
      validateWorkbook(workbook);
      bareLoop(workbook);
    }
    const { coreMs, bareMs } = timeInterleaved(runs, () => validateWorkbook(workbook), () => bareLoop(workbook));
    measured.push({ rows: n, cells: cellCount(workbook), coreMs, bareMs, runs });
  }
  const at10k = measured.find((m) => m.rows === 10_000)!;
  const nsPerCell = measured.map((m) => (m.coreMs * 1e6) / m.cells);
  const spread = Math.max(...nsPerCell) / Math.min(...nsPerCell);
  const part = 'core';
  return {
    rows: [
      absoluteWait({
        part, wait: 'validateWorkbook, 10k + 10k rows', value: at10k.coreMs, unit: 'ms', target: `≤ ${targetMs} ms`, met: at10k.coreMs <= targetMs, runs: at10k.runs,
        floor: 'loop over the same cells: type, trim, lower-case', floorValue: at10k.bareMs,
      }),
      absoluteWait({ part, wait: 'growth: ns per cell, most / least of 1k, 10k, 100k rows', value: spread, unit: '×', target: `≤ ${maxSpread}× (linear)`, met: spread <= maxSpread, runs: null }),
    ],
    notes: [
      `validateWorkbook on synthetic budget + membership sheets, every row valid, a quarter of the amounts as Danish text; in this process, after 3 warm-up calls, taking turns with the bare loop; medians`,
      `ns per cell: ${measured.map((m, i) => `${m.rows.toLocaleString('en-GB')} rows ${nsPerCell[i].toFixed(0)} (${m.coreMs.toFixed(1)} ms)`).join(', ')}`,
    ],
  };
}
