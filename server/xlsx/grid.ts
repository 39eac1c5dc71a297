/**
 * The cells the reader collected, laid out as Office.js hands a used range from A1 over: values, value types,
 * number formats, formulas where the sheet has any, hidden rows where there are any. A text used by many cells
 * is the same string in each of them.
 */
import type { CellValue, SheetGrid, WorkbookInput } from '../../shared/schemas';
import type { ParsedWorkbook } from './parse-xlsx';
import { K_BOOLEAN, K_DOUBLE, K_EMPTY, K_UNCALCULATED, kindTypes, type SheetCells } from './sheet-cells';

function sheetGrid(s: SheetCells, strings: string[]): SheetGrid {
  const { height, width } = s;
  const values: CellValue[][] = [];
  const valueTypes: string[][] = [];
  const numberFormat: string[][] = [];
  for (let r = 0; r < height; r++) {
    values.push(new Array<CellValue>(width).fill(''));
    valueTypes.push(new Array<string>(width).fill('Empty'));
    numberFormat.push(new Array<string>(width).fill('General'));
  }
  for (let i = 0; i < s.count; i++) {
    const r = s.rows[i];
    const c = s.cols[i];
    if (r >= height || c >= width) continue;
    const kind = s.kinds[i];
    numberFormat[r][c] = strings[s.formats[i]];
    if (kind === K_EMPTY) continue;
    const n = s.nums[i];
    values[r][c] = kind === K_DOUBLE ? n : kind === K_BOOLEAN ? n === 1 : kind === K_UNCALCULATED ? '' : strings[n];
    valueTypes[r][c] = kindTypes[kind];
  }
  const grid: SheetGrid = { name: s.name, values, valueTypes, numberFormat };
  if (s.formulaCount > 0) {
    const formulas: CellValue[][] = values.map((row) => new Array<CellValue>(row.length).fill(''));
    for (let j = 0; j < s.formulaCount; j++) {
      const i = s.formulas[j * 2];
      const r = s.rows[i];
      const c = s.cols[i];
      if (r < height && c < width) formulas[r][c] = strings[s.formulas[j * 2 + 1]];
    }
    grid.formulas = formulas;
  }
  if (s.hiddenRows.length > 0) grid.hiddenRows = s.hiddenRows;
  return grid;
}

export function toWorkbookInput(parsed: ParsedWorkbook): WorkbookInput {
  const input: WorkbookInput = { sheets: parsed.sheets.map((s) => sheetGrid(s, parsed.strings)) };
  if (parsed.date1904) input.date1904 = true;
  return input;
}
