/**
 * samples/budget-staff-style.xlsx as the Excel double holds it: each sheet's values (the formulas' results as
 * Excel saved them), number formats, formulas and hidden rows, read by the service's own .xlsx reader.
 */
import { join } from 'node:path';
import type { WorkbookInput } from '../../shared';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import type { ExcelDoubleInit } from './excel-double';

export const staffSamplePath = join(import.meta.dirname, '..', '..', 'samples', 'budget-staff-style.xlsx');

export function doubleInitOf(workbook: WorkbookInput, options: Omit<ExcelDoubleInit, 'sheets'> = {}): ExcelDoubleInit {
  return {
    ...options,
    sheets: workbook.sheets.map((s) => ({ name: s.name, values: s.values, numberFormat: s.numberFormat, formulas: s.formulas, hiddenRows: s.hiddenRows })),
  };
}

export async function staffSampleInit(options: Omit<ExcelDoubleInit, 'sheets'> = {}): Promise<ExcelDoubleInit> {
  return doubleInitOf(await readWorkbookFile(staffSamplePath), { workbookName: 'budget-staff-style.xlsx', ...options });
}
