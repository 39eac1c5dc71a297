/** Workbooks written by exceljs to a real .xlsx file and read back through the service's reader. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { WorkbookInput } from '../../shared';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';

const dir = mkdtempSync(join(tmpdir(), 'partnerskab-findings-'));
let n = 0;

export type Cell = ExcelJS.CellValue;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** 1-based rows to hide. */
  hidden?: number[];
  /** 1-based column → number format for the cells that hold numbers. */
  formats?: Record<number, string>;
}

export async function roundTrip(sheets: SheetSpec[]): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) {
      const row = ws.addRow(r);
      for (const [c, fmt] of Object.entries(s.formats ?? {})) {
        const cell = row.getCell(Number(c));
        if (typeof cell.value === 'number' || (cell.value && typeof cell.value === 'object' && 'formula' in cell.value)) cell.numFmt = fmt;
      }
    }
    for (const r of s.hidden ?? []) ws.getRow(r).hidden = true;
  }
  const file = join(dir, `wb-${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  return readWorkbookFile(file);
}

/** `=SUM(…)` with the result Excel would store: the numbers in the range, text skipped. */
export function sumOf(rows: Cell[][], col: number, from: number, to: number, letter: string): Cell {
  let result = 0;
  for (let r = from; r <= to; r++) {
    const v = rows[r - 1]?.[col - 1];
    if (typeof v === 'number') result += v;
  }
  return { formula: `SUM(${letter}${from}:${letter}${to})`, result };
}
