/**
 * Bundled into the browser page before the pane's own scripts (page.addInitScript): builds the Excel double
 * from the workbook the test put in `window.__PARTNERSKAB_TEST_INIT__` and installs it at the pane's test seam.
 */
import { createExcelDouble, type ExcelDoubleInit } from '../support/excel-double';

const g = globalThis as Record<string, unknown>;
const init = g.__PARTNERSKAB_TEST_INIT__ as ExcelDoubleInit | undefined;
if (init) g.__PARTNERSKAB_TEST_OFFICE__ = createExcelDouble(init);
