/**
 * Ret alle sikre and Fortryd rettelser on the staff-style sample in the Office.js double: the fixes write only
 * their cells, Excel's =SUM row recalculates so the check finds no errors, and the undo puts every cell back
 * byte for byte (values, formulas, number formats) — text that Excel would read as a number included — except
 * a cell the person changed since, which is left alone and named.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateWorkbook, type Report } from '../../shared';
import type { CellValue } from '../../shared/schemas';
import { translator } from '../../addin/i18n';
import { decideFixes, decideUndo, planFixes, type PlannedFix } from '../../addin/fixes';
import { undoneText } from '../../addin/views/fixes';
import { createExcelDouble, type ExcelDouble, type ExcelDoubleInit } from '../support/excel-double';
import { enterValue, sheetsSnapshot } from '../support/excel-double-model';
import { staffSampleInit } from '../support/staff-sample';
import { budgetHeader, budgetRows2025 } from '../shared/fixtures';

type Excel = typeof import('../../addin/excel');
type Fixes = typeof import('../../addin/fixes');

let double: ExcelDouble;

/** The adapter and the fix logic as a freshly opened pane has them: nothing remembered in memory. */
async function freshPane(): Promise<{ excel: Excel; fixes: Fixes }> {
  vi.resetModules();
  return { excel: await import('../../addin/excel'), fixes: await import('../../addin/fixes') };
}

function install(init: ExcelDoubleInit): ExcelDouble {
  double = createExcelDouble(init);
  (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__ = double;
  return double;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__;
});

const cellsOf = sheetsSnapshot;

async function check(excel: Excel, sheets: string[]): Promise<Report> {
  const read = await excel.readGrids(sheets);
  return validateWorkbook(read.workbook);
}

const byCode = (r: Report, code: string) => r.issues.filter((i) => i.code === code);

describe('Ret alle sikre and Fortryd rettelser on the staff-style sample', () => {
  let sheets: string[];
  beforeEach(async () => {
    install(await staffSampleInit());
    sheets = double.workbook.sheets.map((s) => s.name);
  });

  it('fixes every safe finding in three syncs, the =SUM row adds up, and the undo restores every cell exactly', async () => {
    const { excel, fixes } = await freshPane();
    const before = cellsOf(double.workbook.sheets);
    const report = await check(excel, sheets);
    expect(report.counts.error).toBeGreaterThan(0);
    expect(byCode(report, 'total-mismatch').map((i) => i.cell)).toEqual(['D28', 'E28']);
    const planned = planFixes(report.issues);
    expect(planned).toHaveLength(64);

    const syncs = double.log.syncs;
    const outcome = await fixes.applySafeFixes(report.issues);
    expect(double.log.syncs - syncs).toBe(3);
    expect(outcome.fixed).toHaveLength(64);
    expect(outcome.changedSinceCheck).toEqual([]);

    const budget = double.workbook.sheets[0];
    // Excel recalculated the staff's own total: the text amounts are numbers now.
    expect(budget.values[27].slice(3, 7)).toEqual([5_850_000, 1_530_000, 598, 7_632_000]);
    expect(budget.values[4][3]).toBe(400_000);
    expect(budget.numberFormats.get('4,3')).toBe('#,##0 "kr."');
    expect(budget.values[5][2]).toBe('Bispebjerg');
    // Only the fixes' cells changed.
    const changed = new Set(planned.map((p) => `${p.sheet}!${p.cell}`));
    const after = JSON.parse(cellsOf(double.workbook.sheets)) as Array<{ values: CellValue[][] }>;
    const original = JSON.parse(before) as Array<{ values: CellValue[][] }>;
    const { cellAddress } = await import('../../shared/read/a1');
    original.forEach((s, i) => s.values.forEach((row, r) => row.forEach((v, c) => {
      const address = `${sheets[i]}!${cellAddress(r, c)}`;
      if (!changed.has(address) && !(i === 0 && r === 27)) expect([address, after[i].values[r][c]]).toEqual([address, v]);
    })));

    const again = await check(excel, sheets);
    expect(again.counts.error).toBe(0);
    expect(byCode(again, 'total-mismatch')).toEqual([]);
    expect(planFixes(again.issues)).toEqual([]);

    // The pane is closed and opened again: the record is in the workbook's settings.
    const reopened = await freshPane();
    expect(await reopened.fixes.rememberedFixes()).toBe(64);
    const undone = await reopened.fixes.undoFixes();
    expect(undone.restored).toHaveLength(64);
    expect(undone.changedSince).toEqual([]);
    expect(cellsOf(double.workbook.sheets)).toBe(before);
    expect(budget.values[4][3]).toBe('400.000 kr.');
    // Recalculated from the restored text, the staff's total is what they saved: short of the rows again.
    expect(budget.values[27][3]).toBe(2_500_000);
    expect(double.workbook.settings.has(fixes.fixRecordKey)).toBe(false);
    expect(await reopened.fixes.rememberedFixes()).toBe(0);

    const checkedBack = await check(excel, sheets);
    expect(checkedBack.issues).toEqual(report.issues);
  });

  it('leaves alone, and names, a cell the person changed after the fix; every other cell is put back', async () => {
    const { excel, fixes } = await freshPane();
    const before = JSON.parse(cellsOf(double.workbook.sheets));
    const report = await check(excel, sheets);
    await fixes.applySafeFixes(report.issues);
    const budget = double.workbook.sheets[0];
    // The person types a new grant into D5 and a new district into C6 after the fix.
    enterValue(budget, 4, 3, 410_000);
    enterValue(budget, 5, 2, 'Nørrebro');
    const undone = await fixes.undoFixes();
    expect(undone.changedSince).toEqual([{ sheet: 'Økonomi', cell: 'D5' }, { sheet: 'Økonomi', cell: 'C6' }]);
    expect(undone.restored).toHaveLength(62);
    expect(budget.values[4][3]).toBe(410_000);
    expect(budget.values[5][2]).toBe('Nørrebro');
    expect(undoneText(undone, translator('da'))).toBe('62 celler har deres tidligere indhold igen. Ændret siden rettelsen og derfor ikke rørt: D5, C6 i Økonomi.');
    expect(undoneText(undone, translator('en'))).toBe('62 cells have their previous content again. Changed since the fix, so left alone: D5, C6 in Økonomi.');
    const now = JSON.parse(cellsOf(double.workbook.sheets));
    // Apart from those two cells and the total row that sums them, the sheet is as it was.
    budget.values.forEach((row, r) => row.forEach((_, c) => {
      if ((r === 4 && c === 3) || (r === 5 && c === 2) || r === 27) return;
      expect([r, c, now[0].values[r][c]]).toEqual([r, c, before[0].values[r][c]]);
    }));
    expect(now[0].formulas).toEqual(before[0].formulas);
    expect(double.workbook.settings.has(fixes.fixRecordKey)).toBe(false);
    expect((await fixes.undoFixes())).toEqual({ restored: [], changedSince: [] });
  });

  it('does not write a cell that changed since the check, and says which', async () => {
    const { excel, fixes } = await freshPane();
    const report = await check(excel, sheets);
    enterValue(double.workbook.sheets[0], 5, 2, 'Valby');
    const outcome = await fixes.applySafeFixes(report.issues);
    expect(outcome.changedSinceCheck).toEqual([{ sheet: 'Økonomi', cell: 'C6' }]);
    expect(outcome.fixed).toHaveLength(63);
    expect(double.workbook.sheets[0].values[5][2]).toBe('Valby');
  });
});

describe('text that Excel would read as a number comes back as text', () => {
  it('a grant written as the text "250.000" (General format) is fixed to 250.000 kr. and undone to the same text, not 250', async () => {
    const rows = budgetRows2025();
    rows[1][3] = '250.000';
    rows[2][4] = '0051000';
    install({ sheets: [{ name: 'Budget 2025', values: [['Sociale partnerskaber 2025'], [], budgetHeader, ...rows] }] });
    const { excel, fixes } = await freshPane();
    const before = cellsOf(double.workbook.sheets);
    const report = await check(excel, ['Budget 2025']);
    expect(planFixes(report.issues).map((p) => [p.cell, p.expected, p.value])).toEqual([['D5', '250.000', 250_000], ['E6', '0051000', 51_000]]);
    await fixes.applySafeFixes(report.issues);
    const sheet = double.workbook.sheets[0];
    expect([sheet.values[4][3], sheet.values[5][4]]).toEqual([250_000, 51_000]);
    await fixes.undoFixes();
    expect([sheet.values[4][3], sheet.values[5][4]]).toEqual(['250.000', '0051000']);
    expect(sheet.numberFormats.size).toBe(0);
    expect(cellsOf(double.workbook.sheets)).toBe(before);
  });
});

describe('rewriteCells writes each content exactly', () => {
  it('a formula as a formula (also in a cell formatted as Text), a text that reads as a number as text, a blank as blank', async () => {
    install({ sheets: [{ name: 'Ark', values: [[1, 2, 'x', 'y', 'z']], numberFormat: [['General', 'General', '@', 'General', 'General']] }] });
    const { excel } = await freshPane();
    const contents = [
      { value: 0, formula: '=SUM(A1:B1)', numberFormat: '@' },
      { value: '=not a formula', formula: null, numberFormat: 'General' },
      { value: '1,5', formula: null, numberFormat: '#,##0.00' },
      { value: '', formula: null, numberFormat: 'General' },
    ];
    const cellsAt = ['C1', 'D1', 'E1', 'B1'];
    const read = await excel.rewriteCells('test.rewrite', {
      cells: () => [],
      decide: () => ({ writes: cellsAt.map((cell, i) => ({ sheet: 'Ark', cell, content: contents[i] })), store: null, result: null }),
    });
    expect(read).toBeNull();
    const back = await excel.rewriteCells('test.rewrite', {
      cells: () => cellsAt.map((cell) => ({ sheet: 'Ark', cell })),
      decide: (now) => ({ writes: [], store: null, result: now }),
    });
    // The formula's value is Excel's result: B1 is blank now, so SUM(A1:B1) is 1.
    expect(back).toEqual([{ ...contents[0], value: 1 }, contents[1], contents[2], contents[3]]);
  });
});

describe('the fix record', () => {
  const content = (value: CellValue, numberFormat = 'General') => ({ value, formula: null, numberFormat });
  const plan: PlannedFix[] = [{ sheet: 'Økonomi', cell: 'C6', code: 'spelling-variant', expected: 'Nordvest', value: 'Bispebjerg' }];

  it('keeps the first "before" of a cell fixed twice, but takes the person\'s own edit in between as the new one', () => {
    const first = decideFixes(plan, [content('Nordvest')], { cells: [] });
    expect(first.record.cells).toEqual([{ sheet: 'Økonomi', cell: 'C6', before: content('Nordvest'), after: content('Bispebjerg') }]);
    // Fixed again while it still holds the pane's fix (a later finding on the same cell): the original stays.
    const again = decideFixes([{ ...plan[0], expected: 'Bispebjerg', value: 'Bispebjerg' }], [content('Bispebjerg')], first.record);
    expect(again.record.cells[0].before).toEqual(content('Nordvest'));
    // The person typed "nordvest" after the fix; a new fix of it undoes to their text, not the first one.
    const edited = decideFixes([{ ...plan[0], expected: 'nordvest' }], [content('nordvest')], first.record);
    expect(edited.record.cells[0].before).toEqual(content('nordvest'));
  });

  it('an undo restores a formula as a formula, and treats a cell whose sheet is gone as left alone', () => {
    const record = { cells: [
      { sheet: 'Økonomi', cell: 'D28', before: { value: 2_500_000, formula: '=SUM(D5:D26)', numberFormat: '#,##0 "kr."' }, after: content(5_850_000, '#,##0 "kr."') },
      { sheet: 'Væk', cell: 'A1', before: content('x'), after: content('y') },
    ] };
    const d = decideUndo(record, [content(5_850_000, '#,##0 "kr."'), null]);
    expect(d.writes).toEqual([{ sheet: 'Økonomi', cell: 'D28', content: record.cells[0].before }]);
    expect(d.changedSince).toEqual([{ sheet: 'Væk', cell: 'A1' }]);
  });
});
