import { cellAddress } from '../read/a1';
import { parseByType, type CellMemo } from '../read/cell-memo';
import type { FieldType } from '../read/columns';
import type { HeaderMatch } from '../read/find-sheets';
import { headerText } from '../read/sheet-rows';
import type { SheetGrid } from '../schemas';
import { addIssue, type IssueSink } from './issue';

/** DKK as the template writes it; Danish Excel shows its own separators (250.000 kr.). */
export const DKK_FORMAT = '#,##0 "kr."';
/** Counts (members) as the template writes them. */
export const COUNT_FORMAT = '#,##0';

/** Formats that do not say how a figure looks: a number written there shows as Excel's default, or stays text. */
function saysNothing(format: string | undefined): boolean {
  return format === undefined || format === '' || format === '@' || /^general$/i.test(format) || /^standard$/i.test(format);
}

/** The most used format of the number cells in the given columns of the data rows; null where none says anything. */
function commonFormat(sheet: SheetGrid, cols: readonly number[], rows: readonly number[]): string | null {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const values = sheet.values[r];
    const formats = sheet.numberFormat?.[r];
    if (!values || !formats) continue;
    for (const c of cols) {
      const f = formats[c];
      if (typeof values[c] !== 'number' || saysNothing(f)) continue;
      seen.set(f, (seen.get(f) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let count = 0;
  for (const [f, n] of seen) if (n > count) [best, count] = [f, n];
  return best;
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['amount', 'hours', 'count']);

/**
 * `text-amount`: a figure the core reads from text ("250.000 kr.", "25 timer") but Excel's formulas skip. Its
 * fix writes the number, with the number format the sheet already gives such figures: the column's own, else
 * (for amounts) the one the sheet's other amount columns use, else the template's. Run on the data rows only
 * (0-based indices); a total row's own figure is the total-mismatch rule's business.
 */
export function checkTextAmounts(sheet: SheetGrid, header: HeaderMatch, dataRows: readonly number[], memo: CellMemo, sink: IssueSink): void {
  const numericCols: Array<{ field: string; col: number; type: FieldType; label: string }> = [];
  for (const [field, col] of header.columns) {
    const type = header.fields.get(field)!.type;
    if (NUMERIC.has(type)) numericCols.push({ field, col, type, label: headerText(sheet, header, field) });
  }
  if (numericCols.length === 0) return;
  const assocCol = header.columns.get('association') ?? -1;
  const amountCols = numericCols.filter((f) => f.type === 'amount').map((f) => f.col);
  let sheetAmountFormat: string | null | undefined;
  const formats = new Map<number, string>();
  const formatFor = (col: number, type: FieldType): string => {
    let f = formats.get(col);
    if (f !== undefined) return f;
    f = commonFormat(sheet, [col], dataRows) ?? undefined;
    if (f === undefined && type === 'amount') f = (sheetAmountFormat ??= commonFormat(sheet, amountCols, dataRows)) ?? DKK_FORMAT;
    if (f === undefined) f = type === 'count' ? COUNT_FORMAT : 'General';
    formats.set(col, f);
    return f;
  };
  for (const r of dataRows) {
    const row = sheet.values[r];
    if (!row) continue;
    for (const { field, col, type, label } of numericCols) {
      const raw = row[col];
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const n = parseByType(type, raw, undefined, memo);
      if (typeof n !== 'number') continue;
      const association = typeof row[assocCol] === 'string' ? (row[assocCol] as string).trim() : null;
      const cell = cellAddress(r, col);
      const fix = { cell, value: n, numberFormat: formatFor(col, type) };
      addIssue(sink, 'text-amount', { sheet: sheet.name, row: r, col, cell, field, value: raw, association, fix }, {
        header: label, figure: n, amount: type === 'amount',
      });
    }
  }
}
