/**
 * readGrids gives the core the formulas and hidden rows it needs to explain a total row (as the file reader
 * does), loaded only where they are: no extra sync, nothing extra for sheets without them, and a large sheet
 * still read whole under Excel on the web's 5 MB response limit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateWorkbook } from '../../shared';
import type { CellValue } from '../../shared/schemas';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import { createExcelDouble, type ExcelDouble, type ExcelDoubleInit } from '../support/excel-double';
import { staffSampleInit, staffSamplePath } from '../support/staff-sample';
import { budgetHeader, budgetRows2025 } from '../shared/fixtures';

let double: ExcelDouble;

async function adapterOn(init: ExcelDoubleInit): Promise<typeof import('../../addin/excel')> {
  double = createExcelDouble(init);
  (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__ = double;
  vi.resetModules();
  return import('../../addin/excel');
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__;
});

describe('readGrids: formulas and hidden rows', () => {
  it('reads the staff-style sample as the file reader does, in two syncs, so the pane explains the total as the CLI does', async () => {
    const excel = await adapterOn(await staffSampleInit());
    const read = await excel.readGrids(['Økonomi', 'Medlemmer']);
    expect(double.log.syncs).toBe(2);
    const file = await readWorkbookFile(staffSamplePath);
    expect(read.workbook.sheets[0].formulas).toEqual(file.sheets[0].formulas);
    expect(read.workbook.sheets[0].formulas?.[27].slice(3, 7)).toEqual(['=SUM(D5:D26)', '=SUM(E5:E26)', '=SUM(F5:F26)', '=SUM(G5:G26)']);
    expect(read.workbook.sheets[1].formulas).toBeUndefined();
    const mismatch = validateWorkbook(read.workbook).issues.find((i) => i.code === 'total-mismatch');
    expect(mismatch?.message).toBe(validateWorkbook(file).issues.find((i) => i.code === 'total-mismatch')?.message);
    expect(mismatch?.message).toContain('kommer af beløb skrevet som tekst');
  });

  it('names the hidden rows, 0-based from A1, and only when there are some', async () => {
    const rows = budgetRows2025();
    const init = (hiddenRows?: number[]) => ({ sheets: [{ name: 'Budget 2025', values: [['Sociale partnerskaber 2025'], [], budgetHeader, ...rows] as CellValue[][], hiddenRows }] });
    let excel = await adapterOn(init([5, 6, 20]));
    expect((await excel.readGrids(['Budget 2025'])).workbook.sheets[0].hiddenRows).toEqual([5, 6, 20]);
    excel = await adapterOn(init());
    expect(Object.keys((await excel.readGrids(['Budget 2025'])).workbook.sheets[0]).sort()).toEqual(['name', 'numberFormat', 'valueTypes', 'values']);
  });

  it('a 9,000-row sheet with a =SUM row falls back to a sync per chunk under the 5 MB limit and reads the same grid and formulas', async () => {
    const many = Array.from({ length: 9_000 }, (_, i) => [`Forening ${i}`, ...budgetRows2025()[i % 21].slice(1)]);
    const values: CellValue[][] = [budgetHeader, ...many, ['I alt', '', '', 0]];
    const formulas: CellValue[][] = [];
    formulas[9_001] = ['', '', '', '=SUM(D2:D9001)'];
    const sheets = () => [{ name: 'Budget 2025', values, formulas }];
    let excel = await adapterOn({ sheets: sheets() });
    const whole = await excel.readGrids(['Budget 2025']);
    excel = await adapterOn({ sheets: sheets(), payloadLimitBytes: 1.5 * 1024 * 1024 });
    const chunked = await excel.readGrids(['Budget 2025']);
    expect(double.log.syncs).toBeGreaterThan(2);
    expect(chunked).toEqual(whole);
    expect(chunked.workbook.sheets[0].formulas?.[9_001][3]).toBe('=SUM(D2:D9001)');
    expect(chunked.workbook.sheets[0].formulas?.[5]).toEqual(new Array(budgetHeader.length).fill(''));
  });
});
