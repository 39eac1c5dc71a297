/**
 * A report's safe fixes applied to the grid the report was made from, as the pane writes them into Excel and
 * `validate --fix` into a copy: each fix's cell gets its value and, for amounts, its number format. Pure: the
 * input is left as it was. Formulas are not recalculated here (Excel does that; so must a caller that wants
 * the totals as Excel would show them).
 */
import { parseA1 } from './read/a1';
import type { CellValue, Fix, Issue, SheetGrid, WorkbookInput } from './schemas';

/** The issues that carry a fix, with their sheet: what "Ret alle sikre" and `--fix` apply. */
export function fixesOf(issues: readonly Issue[]): Array<{ sheet: string; fix: Fix; code: string }> {
  const out: Array<{ sheet: string; fix: Fix; code: string }> = [];
  for (const i of issues) if (i.fix && i.sheet !== null) out.push({ sheet: i.sheet, fix: i.fix, code: i.code });
  return out;
}

function valueType(v: CellValue): string {
  if (v === null || v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

function applyToSheet(sheet: SheetGrid, fixes: readonly Fix[]): SheetGrid {
  const values = sheet.values.map((row) => [...row]);
  const valueTypes = sheet.valueTypes?.map((row) => [...row]);
  const numberFormat = sheet.numberFormat?.map((row) => [...row]);
  for (const fix of fixes) {
    const at = parseA1(fix.cell);
    if (!at) continue;
    while (values.length <= at.row) values.push([]);
    const row = values[at.row];
    while (row.length <= at.col) row.push('');
    row[at.col] = fix.value;
    if (valueTypes?.[at.row]) valueTypes[at.row][at.col] = valueType(fix.value);
    if (fix.numberFormat !== undefined && numberFormat?.[at.row]) numberFormat[at.row][at.col] = fix.numberFormat;
  }
  const out: SheetGrid = { ...sheet, values };
  if (valueTypes) out.valueTypes = valueTypes;
  if (numberFormat) out.numberFormat = numberFormat;
  return out;
}

/** The workbook with the given fixes applied (by default every fix of the report's issues). */
export function applyFixes(workbook: WorkbookInput, issues: readonly Issue[]): WorkbookInput {
  const bySheet = new Map<string, Fix[]>();
  for (const { sheet, fix } of fixesOf(issues)) {
    const list = bySheet.get(sheet) ?? [];
    list.push(fix);
    bySheet.set(sheet, list);
  }
  return { ...workbook, sheets: workbook.sheets.map((s) => (bySheet.has(s.name) ? applyToSheet(s, bySheet.get(s.name)!) : s)) };
}
