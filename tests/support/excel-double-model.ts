/**
 * The workbook behind the Excel test double: plain data the tests set up and inspect (cells, formulas, number
 * formats, fills, hidden rows, tables, charts, hidden add-in settings, the selection). The proxies in
 * excel-double.ts act on it only at sync. Cells are entered as Excel enters them: a string that reads as a
 * number (en-US, as Office.js parses `Range.values`) becomes the number unless the cell's format is Text ("@"),
 * one that starts with "=" becomes a formula, and every =SUM recalculates when a cell changes.
 */
import { cellAddress, columnLetter, parseA1 } from '../../shared/read/a1';
import type { CellValue } from '../../shared/schemas';
import { sumOf } from './excel-sum';

export interface FillModel {
  color: string;
  pattern: string;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

/** Excel reports "No Fill" as white with pattern None and no tint (OfficeDev/office-js#4900). */
export function noFill(): FillModel {
  return { color: '#FFFFFF', pattern: 'None', patternColor: null, tintAndShade: null, patternTintAndShade: null };
}

export interface FontModel {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
}

export interface TableModel {
  name: string;
  /** 0-based, inclusive of the header row. */
  row: number;
  column: number;
  rows: number;
  columns: number;
  hasHeaders: boolean;
  style: string;
  /** Excel's totals row, the table's last row when shown. */
  showTotals: boolean;
}

export interface ChartModel {
  type: string;
  seriesBy: string;
  source: { row: number; column: number; rows: number; columns: number };
  title: string;
  legendPosition: string;
  position: { from: string; to: string } | null;
  /** What Excel plots, worked out from the source when the chart is made (chartSeries). */
  categories: CellValue[];
  series: Array<{ name: string; values: CellValue[] }>;
}

/** Excel.ChartType values the double accepts; Office refuses any other with InvalidArgument. */
export const chartTypes = new Set(['ColumnClustered', 'ColumnStacked', 'BarClustered', 'BarStacked', 'Line', 'LineMarkers', 'LineStacked', 'Pie', 'Area', 'XYScatter']);

/**
 * How Excel reads a chart's source block by columns: the header row names the series; the first column gives
 * the categories along the axis when it holds text (or its top cell is empty). A first column of numbers under
 * a header is plotted as a series of its own, with 1, 2, 3 … as categories: the trap of years written as
 * numbers, which Excel then draws as one more line.
 */
export function chartSeries(block: CellValue[][]): Pick<ChartModel, 'categories' | 'series'> {
  const [header = [], ...rows] = block;
  const first = rows.map((r) => r[0] ?? '');
  const firstIsCategories = header[0] === '' || header[0] === null || first.some((v) => typeof v === 'string' && v !== '');
  const start = firstIsCategories ? 1 : 0;
  const series = [];
  for (let c = start; c < header.length; c++) series.push({ name: String(header[c] ?? ''), values: rows.map((r) => r[c] ?? '') });
  return { categories: firstIsCategories ? first : rows.map((_, i) => i + 1), series };
}

export interface SheetModel {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Ragged is fine: a missing cell is empty. */
  values: CellValue[][];
  /** "r,c" → number format; absent = "General". */
  numberFormats: Map<string, string>;
  /** "r,c" → formula text ("=SUM(D5:D26)"); the cell's entry in `values` is its result. */
  formulas: Map<string, string>;
  /** 0-based indices of hidden rows. */
  hiddenRows: Set<number>;
  /** "r,c" → fill; absent = no fill. */
  fills: Map<string, FillModel>;
  fonts: Map<string, FontModel>;
  /** "r,c" → border edge → style. */
  borders: Map<string, Record<string, string>>;
  tables: TableModel[];
  charts: ChartModel[];
  autofitRanges: string[];
}

export interface WorkbookModel {
  name: string;
  sheets: SheetModel[];
  /** Workbook.settings: the add-in's hidden per-document storage. */
  settings: Map<string, unknown>;
  activeSheet: string | null;
  /** The last Range.select(): what the user would see selected in Excel. */
  selection: { sheet: string; address: string } | null;
  /** The workbook counts dates from 1904 (File › Options › Advanced); Workbook.functions computes in it. */
  date1904: boolean;
}

export interface SheetInit {
  name: string;
  values: CellValue[][];
  numberFormat?: string[][];
  /** Office.js `Range.formulas`-shaped: a string starting with "=" is the cell's formula, `values` its result. */
  formulas?: CellValue[][];
  hiddenRows?: number[];
  visibility?: SheetModel['visibility'];
  fills?: Record<string, Partial<FillModel>>;
}

export function sheetModel(init: SheetInit): SheetModel {
  const sheet: SheetModel = {
    name: init.name,
    visibility: init.visibility ?? 'Visible',
    values: init.values.map((row) => [...row]),
    numberFormats: new Map(),
    formulas: new Map(),
    hiddenRows: new Set(init.hiddenRows ?? []),
    fills: new Map(),
    fonts: new Map(),
    borders: new Map(),
    tables: [],
    charts: [],
    autofitRanges: [],
  };
  init.numberFormat?.forEach((row, r) => row.forEach((f, c) => f !== 'General' && sheet.numberFormats.set(`${r},${c}`, f)));
  init.formulas?.forEach((row, r) => row.forEach((f, c) => isFormulaText(f) && sheet.formulas.set(`${r},${c}`, f as string)));
  for (const [address, fill] of Object.entries(init.fills ?? {})) {
    const at = parseA1(address);
    if (!at) throw new Error(`bad address ${address}`);
    sheet.fills.set(`${at.row},${at.col}`, { ...noFill(), ...fill });
  }
  return sheet;
}

export function cellValue(sheet: SheetModel, row: number, column: number): CellValue {
  return sheet.values[row]?.[column] ?? '';
}

export function setCellValue(sheet: SheetModel, row: number, column: number, value: CellValue): void {
  while (sheet.values.length <= row) sheet.values.push([]);
  const line = sheet.values[row];
  while (line.length <= column) line.push('');
  line[column] = value;
}

export function formatAt(sheet: SheetModel, row: number, column: number): string {
  return sheet.numberFormats.get(`${row},${column}`) ?? 'General';
}

/** Office.js `Range.formulas` of one cell: the formula where there is one, else the value itself. */
export function formulaAt(sheet: SheetModel, row: number, column: number): CellValue {
  return sheet.formulas.get(`${row},${column}`) ?? cellValue(sheet, row, column);
}

function isFormulaText(v: unknown): boolean {
  return typeof v === 'string' && v.length > 1 && v.startsWith('=');
}

/** A number as en-US Excel reads typed text: "1.000" → 1, "1,000" → 1000, "0012" → 12; "250.000 kr." stays text. */
function enUsNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$/.test(t) && !/^[+-]?\.\d+$/.test(t)) return null;
  return Number(t.replace(/,/g, ''));
}

/**
 * A value written to a cell through `Range.values` (or `Range.formulas`), as Excel stores it. In a cell
 * formatted as Text ("@") a string stays exactly as given; elsewhere Excel parses it as if typed: a formula,
 * a number, TRUE/FALSE, or text. Numbers, booleans and "" are stored as given. Any formula there was is gone.
 */
export function enterValue(sheet: SheetModel, row: number, column: number, value: CellValue): void {
  const key = `${row},${column}`;
  sheet.formulas.delete(key);
  let stored: CellValue = value ?? '';
  if (typeof value === 'string' && formatAt(sheet, row, column) !== '@') {
    const n = enUsNumber(value);
    if (value.length > 1 && value.startsWith('=')) {
      sheet.formulas.set(key, value);
      stored = '';
    } else if (n !== null) stored = n;
    else if (/^(true|false)$/i.test(value.trim())) stored = value.trim().toLowerCase() === 'true';
  }
  setCellValue(sheet, row, column, stored);
  recalculate(sheet);
}

/**
 * Excel's automatic recalculation, for the formulas the double knows: =SUM over ranges and cells adds the
 * numbers and skips text, booleans and blanks (hidden rows count, as in Excel); an error in its range is its
 * result. Other formulas keep the result they were given. Rows are evaluated top to bottom, so a total of
 * totals above it sees their new results.
 */
export function recalculate(sheet: SheetModel): void {
  const keys = [...sheet.formulas.keys()].map((k) => k.split(',').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [r, c] of keys) {
    const m = /^=\s*SUM\((.*)\)\s*$/i.exec(sheet.formulas.get(`${r},${c}`)!);
    if (m) setCellValue(sheet, r, c, sumOf(sheet.values, m[1], (v) => typeof v === 'string' && excelErrors.has(v)));
  }
}

export function fillAt(sheet: SheetModel, row: number, column: number): FillModel {
  return sheet.fills.get(`${row},${column}`) ?? noFill();
}

const excelErrors = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!']);

export function valueType(value: CellValue): string {
  if (value === '' || value === null) return 'Empty';
  if (typeof value === 'number') return 'Double';
  if (typeof value === 'boolean') return 'Boolean';
  return excelErrors.has(value) ? 'Error' : 'String';
}

/** The bounding box of non-empty values, or null for an empty sheet (Worksheet.getUsedRange(true)). */
export function usedBox(sheet: SheetModel): { row: number; column: number; rows: number; columns: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  sheet.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === '' || v === null) return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }),
  );
  if (bottom < 0) return null;
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** Sheet names that need quoting in an address ("'Medlemmer 2025'!A1"), as Excel writes them. */
export function qualifiedAddress(sheet: string, row: number, column: number, rows: number, columns: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const start = cellAddress(row, column);
  const end = cellAddress(row + rows - 1, column + columns - 1);
  return `${name}!${rows === 1 && columns === 1 ? start : `${start}:${end}`}`;
}

/** "B3" or "B3:D7" (no sheet part) → 0-based box. */
export function parseRangeAddress(address: string): { row: number; column: number; rows: number; columns: number } | null {
  const [a, b = a] = address.split(':');
  const from = parseA1(a);
  const to = parseA1(b);
  if (!from || !to || to.row < from.row || to.col < from.col) return null;
  return { row: from.row, column: from.col, rows: to.row - from.row + 1, columns: to.col - from.col + 1 };
}

export { columnLetter };

/** Values, formulas, number formats, hidden rows, fills and fonts of the sheets as one string: "byte for byte". */
export function sheetsSnapshot(sheets: readonly SheetModel[]): string {
  const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(sheets.map((s) => ({
    name: s.name, values: s.values, formulas: sorted(s.formulas), numberFormats: sorted(s.numberFormats), hiddenRows: [...s.hiddenRows], fills: sorted(s.fills), fonts: sorted(s.fonts),
  })));
}
