import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CellValue } from '../../shared/schemas';
import { createExcelDouble, type ExcelDouble } from '../support/excel-double';
import { fillAt, type SheetInit } from '../support/excel-double-model';
import { budgetHeader, budgetRows2025, membershipHeader, membershipRows2025 } from '../shared/fixtures';
import { translator } from '../../addin/i18n';
import { buildOverviewSheet, type DistrictFigures } from '../../addin/overview';
import { buildTrendSection, type TrendSection } from '../../addin/trend';
import { validateWorkbook } from '../../shared/validate';
import type { DistrictTotalsAnswer } from '../../shared/wire';
import { associations2025, workbook as fixtureWorkbook } from '../server/fixtures';

type Adapter = typeof import('../../addin/excel');

let double: ExcelDouble;
let excel: Adapter;

/** A fresh adapter module, as when the pane is reopened: nothing remembered in memory. */
async function freshAdapter(): Promise<Adapter> {
  vi.resetModules();
  return import('../../addin/excel');
}

function install(init: Parameters<typeof createExcelDouble>[0]): ExcelDouble {
  double = createExcelDouble(init);
  (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__ = double;
  return double;
}

const budgetSheet = (rows: CellValue[][] = budgetRows2025()): SheetInit => ({
  name: 'Budget 2025',
  values: [['Sociale partnerskaber 2025'], [], budgetHeader, ...rows],
});
const membershipSheet = (rows: CellValue[][] = membershipRows2025()): SheetInit => ({
  name: 'Medlemstal 2025',
  values: [membershipHeader, ...rows],
});

/** n rows: the 21 sample rows repeated, each with its own association name. */
function repeatRows(base: CellValue[][], n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [`${base[i % base.length][0]} ${i}`, ...base[i % base.length].slice(1)]);
}
const manyBudgetRows = (n: number) => repeatRows(budgetRows2025(), n);
const manyMembershipRows = (n: number) => repeatRows(membershipRows2025(), n);

beforeEach(async () => {
  install({ sheets: [budgetSheet(), membershipSheet(), { name: 'Noter', values: [['fri tekst']] }] });
  excel = await freshAdapter();
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__;
});

describe('the Excel double behaves like Office.js', () => {
  it('throws when a property is read before load and sync, and returns it after', async () => {
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Budget 2025').getRange('A3:B3');
      expect(() => range.values).toThrow(/call the load method/);
      range.load('values');
      expect(() => range.values).toThrow(/call the load method/);
      await context.sync();
      expect(range.values).toEqual([['Forening', 'Bydel']]);
    });
  });

  it('fails the sync, not the call, for a sheet that does not exist', async () => {
    await expect(
      double.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Findes ikke').getRange('A1');
        range.load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('connectToOffice', () => {
  it('reports Excel and its display language', async () => {
    install({ sheets: [budgetSheet()], displayLanguage: 'en-US' });
    expect(await excel.connectToOffice()).toEqual({ inExcel: true, displayLanguage: 'en-US', platform: 'OfficeOnline' });
  });

  it('reports where Office runs (a browser or the desktop), which decides whether the pane can offer downloads', async () => {
    install({ sheets: [budgetSheet()], platform: 'PC' });
    expect((await excel.connectToOffice()).platform).toBe('PC');
  });

  it('says so when there is no Excel at all', async () => {
    delete (globalThis as Record<string, unknown>).__PARTNERSKAB_TEST_OFFICE__;
    expect((await excel.connectToOffice()).inExcel).toBe(false);
    await expect(excel.readGrids(['Budget 2025'])).rejects.toThrow(/open the pane from the Partnerskab button/);
  });
});

describe('readOutline', () => {
  it('lists the visible sheets with their first rows, trimmed, in two syncs', async () => {
    install({ sheets: [budgetSheet(), membershipSheet(), { name: 'Skjult', values: [['x']], visibility: 'Hidden' }] });
    const outline = await excel.readOutline(5);
    expect(outline.workbookName).toBe('Budget.xlsx');
    expect(outline.workbook.sheets.map((s) => s.name)).toEqual(['Budget 2025', 'Medlemstal 2025']);
    const budget = outline.workbook.sheets[0].values;
    expect(budget).toHaveLength(5);
    expect(budget[2]).toEqual(budgetHeader);
    expect(budget[0]).toHaveLength(budgetHeader.length);
    expect(double.log.syncs).toBe(2);
  });
});

describe('readGrids', () => {
  it('reads values, value types and number formats from A1 to the last used cell', async () => {
    install({
      sheets: [
        { name: 'Budget 2025', values: [[], [], ['', '', 'Forening', 'Tilskud'], ['', '', 'B1908', 400000], ['', '', 'Siam', '#REF!']], numberFormat: [[], [], [], ['General', 'General', 'General', '#,##0 "kr."']] },
      ],
    });
    const read = await excel.readGrids(['Budget 2025']);
    const sheet = read.workbook.sheets[0];
    expect(sheet.values).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
      ['', '', 'Forening', 'Tilskud'],
      ['', '', 'B1908', 400000],
      ['', '', 'Siam', '#REF!'],
    ]);
    expect(sheet.valueTypes?.[4]).toEqual(['Empty', 'Empty', 'String', 'Error']);
    expect(sheet.numberFormat?.[3][3]).toBe('#,##0 "kr."');
    expect(read.missing).toEqual([]);
  });

  it('sends values only: no fill or formatting beyond number formats leaves the workbook', async () => {
    await excel.highlightCells([{ sheet: 'Budget 2025', cell: 'D4' }]);
    const read = await excel.readGrids(['Budget 2025']);
    expect(Object.keys(read.workbook.sheets[0]).sort()).toEqual(['name', 'numberFormat', 'valueTypes', 'values']);
    expect(JSON.stringify(read)).not.toContain('FFC7CE');
  });

  it("hands over the workbook's 1904 date system, read without writing, in the same two syncs; the core then reads its date cells as 2025", async () => {
    // An År column of 31-12-2025 dates, as a workbook in the 1904 date system holds them.
    const rows = budgetRows2025().map((r) => [...r, 46022 - 1462]);
    const sheet = { name: 'Budget 2025', values: [['Sociale partnerskaber'], [], [...budgetHeader, 'År'], ...rows], numberFormat: [[], [], [], ...rows.map((r) => r.map((_, c) => (c === r.length - 1 ? 'dd-mm-yyyy' : 'General')))] };
    for (const date1904 of [true, false]) {
      install({ sheets: [sheet, membershipSheet()], date1904 });
      excel = await freshAdapter();
      const read = await excel.readGrids(['Budget 2025', 'Medlemstal 2025']);
      expect(double.log.syncs).toBe(2);
      // Nothing written: the date system comes from DATE evaluated by Excel, not from a formula put in a cell.
      expect(double.log.commands.filter((c) => /^(set|add|delete|activate|select) /.test(c))).toEqual([]);
      expect(double.log.commands).toContain('call Functions DATE(2000,1,1)');
      expect(read.workbook.date1904).toBe(date1904 ? true : undefined);
      const report = validateWorkbook(read.workbook);
      expect([date1904, report.year, report.model]).toEqual(date1904 ? [true, 2025, 'model-2025'] : [false, 2021, 'model-2012']);
    }
  });

  it('an empty sheet reads as an empty grid', async () => {
    install({ sheets: [budgetSheet(), { name: 'Tom', values: [] }] });
    const read = await excel.readGrids(['Tom']);
    expect(read.workbook.sheets).toEqual([{ name: 'Tom', values: [], valueTypes: [], numberFormat: [] }]);
  });

  it('names the sheets that are gone instead of failing', async () => {
    const read = await excel.readGrids(['Budget 2025', 'Omdøbt']);
    expect(read.missing).toEqual(['Omdøbt']);
  });

  it('takes the same number of syncs for 10 and for 10,000 rows, reading large sheets in chunks', async () => {
    const counts: Record<number, { syncs: number; rangeLoads: number }> = {};
    for (const rows of [10, 10_000]) {
      install({ sheets: [budgetSheet(manyBudgetRows(rows)), membershipSheet(manyMembershipRows(rows))] });
      const read = await excel.readGrids(['Budget 2025', 'Medlemstal 2025']);
      expect(read.workbook.sheets[0].values).toHaveLength(rows + 3);
      expect(read.workbook.sheets[1].values).toHaveLength(rows + 1);
      expect(read.workbook.sheets[0].values.at(-1)?.[0]).toBe(`${budgetRows2025()[(rows - 1) % 21][0]} ${rows - 1}`);
      counts[rows] = { syncs: double.log.syncs, rangeLoads: double.log.commands.filter((c) => c.startsWith('load Range')).length };
    }
    expect(counts[10].syncs).toBe(2);
    expect(counts[10_000].syncs).toBe(counts[10].syncs);
    expect(counts[10].rangeLoads).toBe(2);
    expect(counts[10_000].rangeLoads).toBeGreaterThan(2);
  });

  it('falls back to a sync per chunk when Excel on the web refuses one response that big, and reads the same grid', async () => {
    const sheets = () => [budgetSheet(manyBudgetRows(9_000))];
    install({ sheets: sheets() });
    const whole = await excel.readGrids(['Budget 2025']);
    install({ sheets: sheets(), payloadLimitBytes: 1.5 * 1024 * 1024 });
    const chunked = await excel.readGrids(['Budget 2025']);
    expect(chunked).toEqual(whole);
    expect(double.log.syncs).toBeGreaterThan(2);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    await excel.selectCell('Medlemstal 2025', 'E7');
    expect(double.workbook.selection).toEqual({ sheet: 'Medlemstal 2025', address: 'E7' });
    expect(double.workbook.activeSheet).toBe('Medlemstal 2025');
    expect(double.log.syncs).toBe(1);
  });
});

describe('highlight and restore', () => {
  const patterned = { color: '#FFFF00', pattern: 'Gray25', patternColor: '#0000FF', tintAndShade: 0, patternTintAndShade: 0 };
  const tinted = { color: '#DDEBF7', pattern: 'Solid', patternColor: null, tintAndShade: 0.4, patternTintAndShade: 0 };
  const white = { color: '#FFFFFF', pattern: 'Solid', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };

  beforeEach(async () => {
    install({ sheets: [{ ...budgetSheet(), fills: { D4: patterned, D5: tinted, D6: white } }, membershipSheet()] });
    excel = await freshAdapter();
  });

  const fills = () => double.workbook.sheets.map((s) => [...s.fills.entries()].sort());
  const cells = [
    { sheet: 'Budget 2025', cell: 'D4' },
    { sheet: 'Budget 2025', cell: 'D5' },
    { sheet: 'Budget 2025', cell: 'D6' },
    { sheet: 'Budget 2025', cell: 'B7' },
    { sheet: 'Medlemstal 2025', cell: 'E2' },
  ];

  it('highlights the cells in two syncs and restores every original fill exactly', async () => {
    const before = fills();
    const valuesBefore = JSON.stringify(double.workbook.sheets.map((s) => s.values));
    expect(await excel.highlightCells([...cells, cells[0]])).toBe(5);
    expect(double.log.syncs).toBe(2);
    const budget = double.workbook.sheets[0];
    for (const address of [[3, 3], [4, 3], [5, 3], [6, 1]]) expect(fillAt(budget, address[0], address[1]).color).toBe(excel.highlightColor);
    expect(fillAt(double.workbook.sheets[1], 1, 4).color).toBe(excel.highlightColor);

    const result = await excel.clearHighlights();
    expect(result).toEqual({ restored: 5, changedSince: 0 });
    expect(fills()).toEqual(before);
    expect(JSON.stringify(double.workbook.sheets.map((s) => s.values))).toBe(valuesBefore);
    expect(double.workbook.settings.size).toBe(0);
  });

  it('keeps the first original when a cell is highlighted twice', async () => {
    const before = fills();
    await excel.highlightCells(cells.slice(0, 2));
    await excel.highlightCells(cells.slice(0, 3));
    await excel.clearHighlights();
    expect(fills()).toEqual(before);
  });

  it('restores after the pane was closed and opened again (originals kept in the workbook settings)', async () => {
    const before = fills();
    await excel.highlightCells(cells);
    expect(Object.keys(excel.rememberedHighlights()['Budget 2025'])).toHaveLength(4);
    const reopened = await freshAdapter();
    expect(reopened.rememberedHighlights()).toEqual({});
    expect((await reopened.clearHighlights()).restored).toBe(5);
    expect(fills()).toEqual(before);
  });

  it('leaves alone a cell whose fill someone changed after the highlight', async () => {
    await excel.highlightCells(cells.slice(0, 2));
    double.workbook.sheets[0].fills.set('3,3', { ...white, color: '#00B050' });
    expect(await excel.clearHighlights()).toEqual({ restored: 1, changedSince: 1 });
    expect(fillAt(double.workbook.sheets[0], 3, 3).color).toBe('#00B050');
    expect(fillAt(double.workbook.sheets[0], 4, 3)).toEqual(tinted);
  });

  it('never puts highlight state in a sheet', async () => {
    const names = double.workbook.sheets.map((s) => s.name);
    await excel.highlightCells(cells);
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(names);
    expect([...double.workbook.settings.keys()]).toEqual(['partnerskab.highlights.v1']);
  });
});

describe('last snapshot per year', () => {
  it('is remembered in the workbook settings', async () => {
    expect(await excel.readLastSnapshots()).toEqual({});
    await excel.rememberLastSnapshot(2025, 'snap-1');
    await excel.rememberLastSnapshot(2024, 'snap-0');
    await excel.rememberLastSnapshot(2025, 'snap-2');
    expect(await (await freshAdapter()).readLastSnapshots()).toEqual({ '2025': 'snap-2', '2024': 'snap-0' });
  });
});

describe('writeOverviewSheet', () => {
  const t = translator('da');
  const figures: DistrictFigures[] = [
    { district: 'Nørrebro', associations: 5, extended: 1, grant: 1_400_000, cofinancing: 330_000, hours: 140, membersUnder25: 1850 },
    { district: 'Valby', associations: 2, extended: 1, grant: 650_000, cofinancing: 160_000, hours: 62, membersUnder25: 1020 },
    { district: 'Bydækkende', associations: 4, extended: 0, grant: 1_000_000, cofinancing: 220_000, hours: 104, membersUnder25: 0 },
  ];
  /** A year's district totals as the service answers them: the core's summary of a real workbook of that year. */
  const yearTotals = (year: number, rows = associations2025()): DistrictTotalsAnswer => ({
    year, snapshot: { id: `v${year}`, createdAt: `${year + 1}-01-15T10:00:00.000Z`, hash: 'h'.repeat(64) }, ...validateWorkbook(fixtureWorkbook(year, rows)).summary,
  });
  // 2024: the 2012 model's grant, other members, and Brønshøj Boldklub (the only one in Brønshøj-Husum) not yet a partner.
  const years = () => [yearTotals(2024, associations2025(3).slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000 }))), yearTotals(2025)];
  const offline: TrendSection = { kind: 'unavailable', heading: t('trendHeading', { year: 2025 }), note: t('trendNeedsService', { reason: 'test' }), paneNote: '', offline: true };
  const overview = (rows = figures, trend: TrendSection = offline) => buildOverviewSheet(2025, rows, 'Kilde: test', [], trend, t);
  const staffSheets = () => JSON.stringify(double.workbook.sheets.filter((s) => !s.name.startsWith('Bydelsoversigt')).map((s) => ({ ...s, fills: [...s.fills], numberFormats: [...s.numberFormats] })));

  it('writes a table with DKK formats and a clustered bar chart on its own sheet, in two syncs', async () => {
    const before = staffSheets();
    await excel.writeOverviewSheet(overview());
    expect(double.log.syncs).toBe(2);
    const sheet = double.workbook.sheets.find((s) => s.name === 'Bydelsoversigt 2025');
    if (!sheet) throw new Error('no overview sheet');
    expect(sheet.values[0][0]).toBe('Bydelsoversigt 2025');
    expect(sheet.values[3]).toEqual(['Bydel', 'Foreninger', 'Heraf udvidet', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Medlemmer under 25', 'Tilskud pr. medlem under 25']);
    expect(sheet.values[4].slice(0, 4)).toEqual(['Nørrebro', 5, 1, 1_400_000]);
    expect(sheet.values[7]).toEqual(['I alt', 11, 2, 3_050_000, 710_000, 306, 2870, 1063]);
    // Header, three districts and Excel's own totals row.
    expect(sheet.tables).toEqual([expect.objectContaining({ name: 'Bydelsoversigt_2025', row: 3, column: 0, rows: 5, columns: 8, hasHeaders: true, showTotals: true })]);
    expect(sheet.numberFormats.get('4,3')).toBe('#,##0 "kr."');
    expect(sheet.numberFormats.get('7,3')).toBe('#,##0 "kr."');
    expect(sheet.numberFormats.get('5,6')).toBe('#,##0');
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    expect(chart).toMatchObject({ type: 'BarClustered', seriesBy: 'Columns', title: 'Tilskud og medlemmer under 25 pr. bydel' });
    // The chart's source: district names, grant in thousands and members under 25, one row per district.
    const src = chart.source;
    const block = sheet.values.slice(src.row, src.row + src.rows).map((r) => r.slice(src.column, src.column + src.columns));
    expect(block).toEqual([['Bydel', 'Tilskud (1.000 kr.)', 'Medlemmer under 25'], ['Nørrebro', 1400, 1850], ['Valby', 650, 1020], ['Bydækkende', 1000, 0]]);
    expect(double.workbook.activeSheet).toBe('Bydelsoversigt 2025');
    expect(staffSheets()).toBe(before);
  });

  it('says in the sheet, under this year\'s figures, that the years need the service when it cannot be used', async () => {
    await excel.writeOverviewSheet(overview());
    const sheet = double.workbook.sheets.find((s) => s.name === 'Bydelsoversigt 2025')!;
    const row = sheet.values.findIndex((r) => r[0] === 'Udvikling år for år til og med 2025: medlemmer under 25 og tilskud pr. bydel');
    expect(row).toBeGreaterThan(7);
    expect(sheet.values[row + 1][0]).toBe('Udviklingen år for år kræver tjenesten, som ikke kunne bruges: test');
    expect(sheet.fonts.get(`${row + 1},0`)?.color).toBe('#C00000');
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.charts.map((c) => c.type)).toEqual(['BarClustered']);
  });

  it('writes every stored year below: a table of members under 25 and grant per bydel and year, and two line charts with the years as categories', async () => {
    const stored = years();
    await excel.writeOverviewSheet(overview(figures, buildTrendSection(stored, 2025, t)));
    expect(double.log.syncs).toBe(2);
    const sheet = double.workbook.sheets.find((s) => s.name === 'Bydelsoversigt 2025')!;
    const trendTable = sheet.tables.find((x) => x.name === 'Bydelsudvikling_2025')!;
    expect(trendTable).toMatchObject({ hasHeaders: true, showTotals: true, columns: 5 });
    const rows = sheet.values.slice(trendTable.row, trendTable.row + trendTable.rows).map((r) => r.slice(0, 5));
    expect(rows[0]).toEqual(['Bydel', 'Under 25 2024', 'Under 25 2025', 'Tilskud 2024', 'Tilskud 2025']);
    // Each cell is the service's figure of that bydel and year; Brønshøj-Husum had no partnership in 2024: empty, not 0.
    for (const line of rows.slice(1, -1)) {
      const [district, m24, m25, g24, g25] = line;
      const of = (y: DistrictTotalsAnswer) => y.districts.find((d) => d.district === district);
      expect([m24, g24], String(district)).toEqual(of(stored[0]) ? [of(stored[0])!.membersUnder25, of(stored[0])!.grant] : ['', '']);
      expect([m25, g25], String(district)).toEqual([of(stored[1])!.membersUnder25, of(stored[1])!.grant]);
    }
    const bronshoj = stored[1].districts.find((d) => d.district === 'Brønshøj-Husum')!;
    expect(rows.find((r) => r[0] === 'Brønshøj-Husum')!.slice(1, 5)).toEqual(['', bronshoj.membersUnder25, '', 400_000]);
    expect(rows[rows.length - 1]).toEqual(['I alt', stored[0].total.membersUnder25, stored[1].total.membersUnder25, stored[0].total.grant, stored[1].total.grant]);
    expect(sheet.numberFormats.get(`${trendTable.row + 1},3`)).toBe('#,##0 "kr."');
    expect(sheet.values[trendTable.row - 2][0]).toBe('Kilde: den seneste gemte version af hvert år (2024, 2025).');

    const lines = sheet.charts.filter((c) => c.type === 'Line');
    expect(lines.map((c) => c.title)).toEqual(['Medlemmer under 25 pr. bydel, år for år', 'Tilskud pr. bydel (1.000 kr.), år for år']);
    for (const chart of lines) {
      // The years are the axis (text, so Excel does not plot them as a line of their own); one line per bydel.
      expect(chart.categories).toEqual(['2024', '2025']);
      expect(chart.series.map((x) => x.name)).toEqual(stored[1].districts.map((d) => d.district));
    }
    const norrebro = (i: number) => lines[i].series.find((x) => x.name === 'Nørrebro')!.values;
    const of = (y: DistrictTotalsAnswer) => y.districts.find((d) => d.district === 'Nørrebro')!;
    expect(norrebro(0)).toEqual([of(stored[0]).membersUnder25, of(stored[1]).membersUnder25]);
    expect(norrebro(1)).toEqual([of(stored[0]).grant / 1000, of(stored[1]).grant / 1000]);
    // Nothing overlaps: the line charts sit right of the years' table, below this year's bar chart.
    const bar = sheet.charts.find((c) => c.type === 'BarClustered')!;
    expect(Number(/\d+/.exec(lines[0].position!.from)![0])).toBeGreaterThan(Number(/\d+/.exec(bar.position!.to)![0]));
  });

  it('a year whose version has no membership sheet shows its members empty and says so, not 0', () => {
    const budgetOnly = validateWorkbook({ sheets: [fixtureWorkbook(2025).sheets[0]] }).summary;
    const section = buildTrendSection([yearTotals(2024, associations2025(3).slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000 }))), { year: 2025, snapshot: { id: 'v', createdAt: '2026-01-01T00:00:00Z', hash: 'h' }, ...budgetOnly }], 2025, t);
    if (section.kind !== 'years') throw new Error('no years');
    expect(section.table.rows.every((r) => r[2] === '')).toBe(true);
    expect(section.table.totalRow[2]).toBe('');
    expect(section.source).toContain('Versionen af 2025 har intet medlemsark, så medlemstallene står tomme.');
  });

  it('says when the overview\'s own year is not among the stored ones, and when no year is stored', () => {
    const section = buildTrendSection([yearTotals(2024, associations2025(3).slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000 })))], 2025, t);
    expect(section.kind === 'years' && section.source).toBe('Kilde: den seneste gemte version af hvert år (2024). 2025 er ikke gemt som version endnu og er ikke med.');
    expect(buildTrendSection([], 2025, translator('en'))).toMatchObject({ kind: 'unavailable', offline: false, note: 'The service has no saved versions of the years up to 2025 yet, so the year-by-year development is not included.' });
  });

  it('replaces only its own sheet when run again', async () => {
    const before = staffSheets();
    await excel.writeOverviewSheet(overview());
    await excel.writeOverviewSheet(overview(figures.slice(0, 2)));
    const overviews = double.workbook.sheets.filter((s) => s.name === 'Bydelsoversigt 2025');
    expect(overviews).toHaveLength(1);
    expect(overviews[0].tables).toHaveLength(1);
    expect(overviews[0].charts).toHaveLength(1);
    expect(overviews[0].values[6][0]).toBe('I alt');
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(['Budget 2025', 'Medlemstal 2025', 'Noter', 'Bydelsoversigt 2025']);
    expect(staffSheets()).toBe(before);
  });
});

describe('openAsNewWorkbook', () => {
  it('opens the .xlsx at the call, outside any batch, and leaves the open workbook alone', async () => {
    install({ sheets: [budgetSheet()] });
    excel = await freshAdapter();
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Medlemstal 2025').addRow(['Forening', 'Medlemmer under 25']);
    const base64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    await excel.openAsNewWorkbook(base64);
    expect(double.createdWorkbooks).toEqual([base64]);
    expect(double.log.syncs).toBe(0);
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(['Budget 2025']);
  });

  it('is refused, as by Office, for what is not an .xlsx', async () => {
    install({ sheets: [budgetSheet()] });
    excel = await freshAdapter();
    await expect(excel.openAsNewWorkbook(Buffer.from('<html>not a workbook</html>').toString('base64'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(double.createdWorkbooks).toEqual([]);
  });
});
