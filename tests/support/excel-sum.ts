/**
 * Recalculates a grid's SUM formulas the way Excel does, for tests that apply fixes and validate again:
 * `=SUM(D5:D26)` (ranges and single cells, commas or semicolons) adds the cells of its ranges that hold
 * numbers and skips text, booleans and blanks. Other formulas are left as they are. Written apart from the
 * core's own reading of SUM (shared/rules/total-explanation.ts), so a test does not check the core with itself.
 */
import type { SheetGrid, WorkbookInput } from '../../shared';

function cellOf(ref: string): { r: number; c: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/**
 * `SUM(args)` over a grid: the numbers of its ranges and cells; text, booleans and blanks are skipped. With
 * `isError`, an error value in its range is the result, as in Excel.
 */
export function sumOf(values: SheetGrid['values'], args: string, isError: (v: unknown) => boolean = () => false): number | string {
  let total = 0;
  for (const arg of args.split(/[,;]/)) {
    const [a, b = a] = arg.split(':');
    const from = cellOf(a);
    const to = cellOf(b);
    for (let r = Math.min(from.r, to.r); r <= Math.max(from.r, to.r); r++) {
      for (let c = Math.min(from.c, to.c); c <= Math.max(from.c, to.c); c++) {
        const v = values[r]?.[c];
        if (typeof v === 'number') total += v;
        else if (isError(v)) return v as string;
      }
    }
  }
  return total;
}

export function recalculateSums(workbook: WorkbookInput): WorkbookInput {
  return {
    ...workbook,
    sheets: workbook.sheets.map((sheet) => {
      if (!sheet.formulas) return sheet;
      const values = sheet.values.map((row) => [...row]);
      sheet.formulas.forEach((row, r) => row.forEach((f, c) => {
        const m = typeof f === 'string' ? /^=SUM\((.*)\)$/i.exec(f.trim()) : null;
        if (m) values[r][c] = sumOf(values, m[1]);
      }));
      return { ...sheet, values };
    }),
  };
}
