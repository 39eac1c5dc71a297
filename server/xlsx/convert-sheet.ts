import ExcelJS from 'exceljs';
import type { CellValue, SheetGrid, WorkbookInput } from '../../shared/schemas';

type Converted = { value: CellValue; type: string };

const empty: Converted = { value: '', type: 'Empty' };
const msPerDay = 24 * 60 * 60 * 1000;
// Serial 25569 is 1970-01-01 in Excel's 1900 date system; the 1904 system starts 1462 days later.
const unixEpochSerial = 25569;
const date1904Offset = 1462;

function dateToSerial(d: Date, date1904: boolean): number {
  return unixEpochSerial + d.getTime() / msPerDay - (date1904 ? date1904Offset : 0);
}

function richTextToString(v: { richText: Array<{ text: string }> }): string {
  return v.richText.map((r) => r.text ?? '').join('');
}

/** A value or a formula's cached result, the way Office.js `Range.values` would hand it over. */
function convertValue(v: unknown, date1904: boolean): Converted {
  if (v === null || v === undefined) return empty;
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, type: 'Double' } : { value: '#NUM!', type: 'Error' };
  if (typeof v === 'string') return v === '' ? empty : { value: v, type: 'String' };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean' };
  if (v instanceof Date) {
    // An invalid date (exceljs parses some malformed serials this way) is no value Excel would show.
    return Number.isNaN(v.getTime()) ? empty : { value: dateToSerial(v, date1904), type: 'Double' };
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { value: o.error, type: 'Error' };
    if (Array.isArray(o.richText)) return convertValue(richTextToString(o as { richText: Array<{ text: string }> }), date1904);
    if ('hyperlink' in o || 'text' in o) return convertValue(o.text, date1904);
    if ('formula' in o || 'sharedFormula' in o) {
      // Without a cached result (files written by scripts that never ran Excel) there is no value to show.
      return convertValue(o.result, date1904);
    }
  }
  return { value: String(v), type: 'String' };
}

/** The extent of the cells that hold something, so a styled but empty column XFD does not make a 16,384-wide grid. */
function usedExtent(ws: ExcelJS.Worksheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return;
      if (r > rows) rows = r;
      if (c > cols) cols = c;
    });
  });
  return { rows, cols };
}

/**
 * One worksheet as Office.js hands a used range from A1: values, value types and number formats.
 * Merged areas keep the master value in the top-left cell and "" elsewhere, as Excel's Range.values does.
 */
export function worksheetToGrid(ws: ExcelJS.Worksheet, date1904: boolean): SheetGrid {
  const { rows, cols } = usedExtent(ws);
  const values: CellValue[][] = [];
  const valueTypes: string[][] = [];
  const numberFormat: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const vRow: CellValue[] = new Array(cols).fill('');
    const tRow: string[] = new Array(cols).fill('Empty');
    const fRow: string[] = new Array(cols).fill('General');
    const row = ws.getRow(r);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (c > cols) return;
      const fmt = cell.numFmt;
      if (typeof fmt === 'string' && fmt !== '') fRow[c - 1] = fmt;
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const { value, type } = convertValue(cell.value, date1904);
      vRow[c - 1] = value;
      tRow[c - 1] = type;
    });
    values.push(vRow);
    valueTypes.push(tRow);
    numberFormat.push(fRow);
  }
  return { name: ws.name, values, valueTypes, numberFormat };
}

export function workbookToInput(wb: ExcelJS.Workbook): WorkbookInput {
  const date1904 = Boolean(wb.properties?.date1904);
  return { sheets: wb.worksheets.map((ws) => worksheetToGrid(ws, date1904)) };
}
