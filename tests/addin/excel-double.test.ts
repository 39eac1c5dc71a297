/**
 * The Excel double's cells behave as Excel's do where the pane's fixes and their undo depend on it: text that
 * reads as a number is converted unless the cell is formatted as Text, =SUM recalculates from the numbers only,
 * formulas and number formats read and write as in Office.js, hidden rows, and special cells — all at sync.
 */
import { describe, expect, it } from 'vitest';
import { createExcelDouble, type DoubleContext } from '../support/excel-double';
import { enterValue, formulaAt, type SheetModel } from '../support/excel-double-model';

const sheetInit = () => ({
  name: 'Økonomi',
  values: [
    ['Forening', 'Bevilling'],
    ['Siam', 400_000],
    ['IF Stadion', '250.000 kr.'],
    ['Lundehus', 300_000],
    ['I alt', 700_000],
  ],
  formulas: [[], [], [], [], ['', '=SUM(B2:B4)']],
  numberFormat: [[], ['General', '#,##0 "kr."'], [], ['General', '#,##0 "kr."'], ['General', '#,##0 "kr."']],
});

function withDouble() {
  const double = createExcelDouble({ sheets: [sheetInit()] });
  const sheet = double.workbook.sheets[0];
  const run = <T>(batch: (context: DoubleContext) => Promise<T>) => double.Excel.run(batch);
  return { double, sheet, run };
}

describe('writing values as Excel stores them', () => {
  it('converts a string that reads as a number (en-US, as Range.values parses it) and keeps other text as text', async () => {
    const { sheet, run } = withDouble();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem('Økonomi').getRange('C1:C6');
      range.values = [['0012'], ['1.000'], ['1,000'], ['250.000 kr.'], ['TRUE'], ['=SUM(B2:B3)']];
      range.load('values,valueTypes,formulas');
      await context.sync();
      expect(range.values).toEqual([[12], [1], [1000], ['250.000 kr.'], [true], [400_000]]);
      expect(range.valueTypes.map((r) => r[0])).toEqual(['Double', 'Double', 'Double', 'String', 'Boolean', 'Double']);
      expect(range.formulas[5][0]).toBe('=SUM(B2:B3)');
    });
    expect(formulaAt(sheet, 0, 2)).toBe(12);
  });

  it('keeps a string exactly in a cell formatted as Text ("@"), and it stays text when the format changes back', async () => {
    const { sheet, run } = withDouble();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem('Økonomi').getRange('C1:C3');
      range.numberFormat = [['@'], ['@'], ['@']];
      range.values = [['0012'], ['1.000'], ['=SUM(B2:B3)']];
      range.numberFormat = [['General'], ['#,##0'], ['General']];
      range.load('values,valueTypes,numberFormat,formulas');
      await context.sync();
      expect(range.values).toEqual([['0012'], ['1.000'], ['=SUM(B2:B3)']]);
      expect(range.valueTypes.map((r) => r[0])).toEqual(['String', 'String', 'String']);
      expect(range.numberFormat).toEqual([['General'], ['#,##0'], ['General']]);
    });
    expect(sheet.formulas.size).toBe(1);
  });

  it('a null in the input leaves that cell as it is; a wrong-sized input fails the sync', async () => {
    const { sheet, run } = withDouble();
    await run(async (context) => {
      context.workbook.worksheets.getItem('Økonomi').getRange('A2:B2').values = [[null as never, 1]];
      await context.sync();
    });
    expect(sheet.values[1]).toEqual(['Siam', 1]);
    await expect(run(async (context) => {
      context.workbook.worksheets.getItem('Økonomi').getRange('A2:B2').values = [[1]];
      await context.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('=SUM recalculates as in Excel', () => {
  it('from the numbers of its range only (text skipped), at the sync that writes, not before', async () => {
    const { sheet, run } = withDouble();
    expect(sheet.values[4][1]).toBe(700_000);
    await run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Økonomi').getRange('B3');
      cell.values = [[250_000]];
      expect(sheet.values[4][1]).toBe(700_000);
      const total = context.workbook.worksheets.getItem('Økonomi').getRange('B5');
      total.load('values,formulas');
      await context.sync();
      expect(total.values).toEqual([[950_000]]);
      expect(total.formulas).toEqual([['=SUM(B2:B4)']]);
    });
  });

  it('counts hidden rows, takes an error in its range as its result, and is gone when a value is written over it', async () => {
    const { sheet, run } = withDouble();
    sheet.hiddenRows.add(1);
    enterValue(sheet, 3, 1, 100_000);
    expect(sheet.values[4][1]).toBe(500_000);
    enterValue(sheet, 2, 1, '#REF!');
    expect(sheet.values[4][1]).toBe('#REF!');
    await run(async (context) => {
      context.workbook.worksheets.getItem('Økonomi').getRange('B5').values = [[1]];
      await context.sync();
    });
    expect(sheet.formulas.size).toBe(0);
    expect(sheet.values[4][1]).toBe(1);
  });

  it('a formula written through Range.formulas takes effect; a constant written there is entered as a value', async () => {
    const { sheet, run } = withDouble();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem('Økonomi').getRange('C5:D5');
      range.formulas = [['=SUM(B2:B4)', '1.000']];
      await context.sync();
    });
    expect(sheet.values[4].slice(2, 4)).toEqual([700_000, 1]);
    expect(formulaAt(sheet, 4, 2)).toBe('=SUM(B2:B4)');
  });
});

describe('hidden rows and special cells', () => {
  const loadHidden = (sheet: SheetModel, run: ReturnType<typeof withDouble>['run'], address: string) =>
    run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet.name).getRange(address);
      range.load('rowHidden');
      await context.sync();
      return range.rowHidden;
    });

  it('Range.rowHidden reads true, false, or null for a mix, and hides rows when set', async () => {
    const { sheet, run } = withDouble();
    await run(async (context) => {
      context.workbook.worksheets.getItem('Økonomi').getRange('A3:B4').rowHidden = true;
      await context.sync();
    });
    expect([...sheet.hiddenRows].sort()).toEqual([2, 3]);
    expect(await loadHidden(sheet, run, 'A3:A4')).toBe(true);
    expect(await loadHidden(sheet, run, 'A1:A2')).toBe(false);
    expect(await loadHidden(sheet, run, 'A2:A3')).toBeNull();
  });

  it('special cells: the formula cells and the visible rows as rectangles; a null object when there are none', async () => {
    const { double, sheet, run } = withDouble();
    sheet.hiddenRows.add(2);
    enterValue(sheet, 4, 0, '=SUM(B2:B2)');
    const areas = await run(async (context) => {
      const range = context.workbook.worksheets.getItem('Økonomi').getRange('A1:B5');
      const formulas = range.getSpecialCellsOrNullObject('Formulas');
      formulas.areas.load('items/rowIndex,items/columnIndex,items/formulas');
      const visible = range.getSpecialCellsOrNullObject('Visible');
      visible.areas.load('items/rowIndex,items/rowCount');
      const none = context.workbook.worksheets.getItem('Økonomi').getRange('A1:B4').getSpecialCellsOrNullObject('Formulas');
      none.areas.load('items/formulas');
      expect(() => formulas.isNullObject).toThrow(/call the load method/);
      await context.sync();
      expect(none.isNullObject).toBe(true);
      expect(() => none.areas.items).toThrow(/call the load method/);
      return {
        formulas: formulas.areas.items.map((a) => [a.rowIndex, a.columnIndex, a.formulas]),
        visible: visible.areas.items.map((a) => [a.rowIndex, a.rowCount]),
      };
    });
    expect(areas.formulas).toEqual([[4, 0, [['=SUM(B2:B2)', '=SUM(B2:B4)']]]]);
    expect(areas.visible).toEqual([[0, 2], [3, 2]]);
    expect(double.log.syncs).toBe(1);
  });
});

describe('Workbook.functions', () => {
  it("DATE is evaluated at the sync in the workbook's date system, as Excel numbers the days", async () => {
    const dates = async (date1904: boolean) => {
      const double = createExcelDouble({ sheets: [{ name: 'Ark1', values: [] }], date1904 });
      return double.Excel.run(async (context) => {
        const asked = [[2000, 1, 1], [2025, 12, 31], [1900, 1, 1], [1900, 3, 1], [1904, 1, 1]].map(([y, m, d]) => context.workbook.functions.date(y, m, d).load('value'));
        expect(() => asked[0].value).toThrow(/call the load method/);
        await context.sync();
        return asked.map((r) => r.value);
      });
    };
    // Excel's own serials: 1900-01-01 is 1, its phantom 29-02-1900 is 60, so 1900-03-01 is 61.
    expect(await dates(false)).toEqual([36526, 46022, 1, 61, 1462]);
    // In the 1904 system day 0 is 1904-01-01, and a day before it is #NUM!.
    expect(await dates(true)).toEqual([36526 - 1462, 46022 - 1462, null, null, 0]);
  });
});
