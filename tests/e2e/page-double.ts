/**
 * Bundled into the browser page before the pane's own scripts (page.addInitScript): builds the Excel double
 * from the workbook the test put in `window.__PARTNERSKAB_TEST_INIT__` and installs it at the pane's test seam.
 * `window.__PARTNERSKAB_TEST_CELLS__` lets a test act as the person at the keyboard (typing into a cell, as Excel
 * enters it) and read what the sheets hold, byte for byte.
 */
import { parseA1 } from '../../shared/read/a1';
import type { CellValue } from '../../shared/schemas';
import { createExcelDouble, type ExcelDoubleInit } from '../support/excel-double';
import { enterValue, sheetsSnapshot, type SheetModel } from '../support/excel-double-model';

const g = globalThis as Record<string, unknown>;
const init = g.__PARTNERSKAB_TEST_INIT__ as ExcelDoubleInit | undefined;
if (init) {
  const double = createExcelDouble(init);
  g.__PARTNERSKAB_TEST_OFFICE__ = double;
  const sheet = (name: string): SheetModel => {
    const found = double.workbook.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  g.__PARTNERSKAB_TEST_CELLS__ = {
    type(sheetName: string, address: string, value: CellValue): void {
      const at = parseA1(address);
      if (!at) throw new Error(`bad address ${address}`);
      enterValue(sheet(sheetName), at.row, at.col, value);
    },
    value(sheetName: string, address: string): CellValue {
      const at = parseA1(address);
      return at ? (sheet(sheetName).values[at.row]?.[at.col] ?? '') : null;
    },
    /** Values, formulas, number formats, hidden rows, fills and fonts of every sheet, as one string. */
    snapshot(): string {
      return sheetsSnapshot(double.workbook.sheets);
    },
    settingKeys(): string[] {
      return [...double.workbook.settings.keys()];
    },
  };
}
