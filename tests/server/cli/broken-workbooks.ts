/**
 * Workbooks that break the rulebook on purpose, each finding at a known cell, for the CLI's end-to-end tests
 * (and for anyone who wants to see every message: `npx tsx tests/server/cli/broken-workbooks.ts DIR`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** A finding the CLI must report: code, sheet and cell (null for whole-sheet or workbook findings). */
export interface ExpectedFinding {
  code: string;
  sheet: string | null;
  cell: string | null;
  /** How many times it appears there (default 1). */
  count?: number;
}

export interface BrokenWorkbook {
  name: string;
  workbook: ExcelJS.Workbook;
  expected: ExpectedFinding[];
  /** CLI options the case needs, e.g. ['--year', '2010']. */
  args?: string[];
  /** validate's exit code: 1 (errors found) unless the case breaks only warnings. */
  exitCode?: number;
}

export type Row = Array<string | number | ExcelJS.CellErrorValue>;

export const budgetHeader = ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Lønudgift', 'Overenskomst', 'Finansiering', 'Konsulent'];
export const membershipHeader = ['Forening', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Piger', 'Drenge', 'Medlemmer i alt'];

export function standardRow(name: string, district = 'Nørrebro', funding = 'Varige midler'): Row {
  return [name, district, 'standard', 250_000, 60_000, 30, 320_000, 'Ja', funding, 'Konsulent A'];
}

export function membershipRow(name: string, under25 = 200): Row {
  const a = Math.round(under25 * 0.5);
  const b = Math.round(under25 * 0.3);
  const girls = Math.round(under25 / 2);
  return [name, a, b, under25 - a - b, under25, girls, under25 - girls, under25 * 2];
}

export function sheetWith(wb: ExcelJS.Workbook, name: string, rows: Row[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return ws;
}

/** One workbook that breaks every rule the two sheets can break together. Row numbers are 1-based. */
function everyRuleBroken(): BrokenWorkbook {
  const budget = 'Budget 2025';
  const members = 'Medlemstal 2025';
  const set = (row: Row, col: number, value: Row[number]) => {
    const r = [...row];
    r[col] = value;
    return r;
  };
  const rows: Row[] = [
    [...budgetHeader, 'Noter', 'Bevilling'], // 1: K1 unknown column, L1 a second grant column
    set(standardRow('Grant Mismatch IF'), 3, 200_000), // 2
    set(standardRow('Lav Medfinansiering BK'), 4, 10_000), // 3
    set(standardRow('Få Timer SK'), 5, '10 timer'), // 4: also a figure written as text
    set(standardRow('Uden Overenskomst FC'), 7, 'Nej'), // 5
    set(standardRow('Lav Løn IF'), 6, 100_000), // 6
    standardRow('Ukendt Bydel BK', 'Gotham'), // 7
    set(standardRow('Ukendt Type SK'), 2, 'premium'), // 8
    set(standardRow('Tekstbeløb IF'), 3, 'ca. 250'), // 9
    set(standardRow('Manglende Tilskud BK'), 3, ''), // 10
    set(standardRow('Negativ SK'), 4, -5_000), // 11
    set(standardRow('Formelfejl IF'), 5, { error: '#REF!' }), // 12
    standardRow('BK Union'), // 13
    standardRow('bk  union'), // 14
    ['Østerbro Udvidet IF', 'Østerbro', 'udvidet', 400_000, 100_000, 37, 600_000, 'Ja', 'Varige midler', 'Konsulent B'], // 15
    standardRow('Kun I Budget FC'), // 16
    // 17–36: valid rows that push the permanent budget (over 6 mio.) and the culture pool (4 × 250.000 > 750.000) over their frames.
    ...Array.from({ length: 20 }, (_, i) => standardRow(`Fyld ${i + 1}`, 'Valby', i < 4 ? 'Kulturpulje' : 'Varige midler')),
    ['I alt', '', '', 1, '', '', '', '', '', ''], // 37: a total that is wrong
  ];
  const wb = new ExcelJS.Workbook();
  sheetWith(wb, budget, rows);
  const names = rows.slice(1, -1).map((r) => String(r[0])).filter((n) => n !== 'Kun I Budget FC' && n !== 'bk  union');
  const membership: Row[] = [membershipHeader];
  for (const n of names) membership.push(membershipRow(n, 200));
  membership.push(membershipRow('Små Tal BK', 50)); // few members
  membership.push(['Aldersfejl IF', 100, 100, 100, 400, 200, 200, 800]); // bands 300 ≠ 400
  membership.push(['Flere Unge End Alle SK', 100, 100, 100, 300, 150, 150, 200]); // under 25 > all
  membership.push(['Kønsfejl FC', 100, 50, 50, 200, 10, 10, 400]); // 20 ≠ 200
  sheetWith(wb, members, membership);
  const m = (name: string) => membership.findIndex((r) => r[0] === name) + 1;
  return {
    name: 'every-rule-broken',
    workbook: wb,
    expected: [
      { code: 'unknown-column', sheet: budget, cell: 'K1' },
      { code: 'duplicate-column', sheet: budget, cell: 'L1' },
      { code: 'grant-mismatch', sheet: budget, cell: 'D2' },
      { code: 'cofinancing-below-minimum', sheet: budget, cell: 'E3' },
      { code: 'hours-below-minimum', sheet: budget, cell: 'F4' },
      { code: 'agreement-terms-missing', sheet: budget, cell: 'H5' },
      { code: 'salary-below-funding', sheet: budget, cell: 'G6' },
      { code: 'unknown-district', sheet: budget, cell: 'B7' },
      { code: 'unknown-tier', sheet: budget, cell: 'C8' },
      { code: 'type-error', sheet: budget, cell: 'D9' },
      { code: 'missing-value', sheet: budget, cell: 'D10' },
      { code: 'negative-value', sheet: budget, cell: 'E11' },
      { code: 'formula-error', sheet: budget, cell: 'F12' },
      { code: 'duplicate-association', sheet: budget, cell: 'A14' },
      { code: 'spelling-variant', sheet: budget, cell: 'A14' },
      { code: 'text-amount', sheet: budget, cell: 'F4' },
      { code: 'extended-area-conflict', sheet: budget, cell: 'B15' },
      // Sheet-wide findings point at the header of the column they concern.
      { code: 'extended-count', sheet: budget, cell: 'C1' },
      { code: 'budget-frame-exceeded', sheet: budget, cell: 'D1' },
      { code: 'culture-pool-exceeded', sheet: budget, cell: 'D1' },
      { code: 'total-row', sheet: budget, cell: 'A37' },
      { code: 'total-mismatch', sheet: budget, cell: 'D37' },
      { code: 'membership-missing', sheet: budget, cell: 'A16' },
      { code: 'members-below-threshold', sheet: members, cell: `E${m('Små Tal BK')}` },
      { code: 'age-bands-mismatch', sheet: members, cell: `E${m('Aldersfejl IF')}` },
      { code: 'under25-exceeds-total', sheet: members, cell: `H${m('Flere Unge End Alle SK')}` },
      { code: 'gender-mismatch', sheet: members, cell: `F${m('Kønsfejl FC')}` },
      { code: 'budget-missing', sheet: members, cell: `A${m('Små Tal BK')}` },
    ],
  };
}

function missingColumn(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  const header = budgetHeader.filter((h) => h !== 'Medfinansiering');
  sheetWith(wb, 'Budget 2025', [header, standardRow('BK Union').filter((_, i) => i !== 4)]);
  return { name: 'missing-column', workbook: wb, expected: [{ code: 'missing-column', sheet: 'Budget 2025', cell: 'A1' }] };
}

function noSheetFound(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  sheetWith(wb, 'Noter', [['Husk at sende budgettet til udvalget'], ['Møde tirsdag']]);
  return { name: 'sheet-not-found', workbook: wb, expected: [{ code: 'sheet-not-found', sheet: null, cell: null, count: 2 }] };
}

function unknownModel(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  sheetWith(wb, 'Budget', [budgetHeader, standardRow('BK Union')]);
  return { name: 'model-unknown', workbook: wb, args: ['--year', '2010'], expected: [{ code: 'model-unknown', sheet: null, cell: null }] };
}

function personalData(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  // A made-up number in the CPR shape (a valid date, 1 January 1990): the report must flag it and never echo it.
  sheetWith(wb, 'Budget 2025', [budgetHeader, [...standardRow('BK Union').slice(0, 9), '010190-1234']]);
  sheetWith(wb, 'Medlemstal 2025', [membershipHeader, membershipRow('BK Union')]);
  return { name: 'personal-data', workbook: wb, expected: [{ code: 'personal-data', sheet: 'Budget 2025', cell: 'J2' }] };
}

function onlyBudget(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  sheetWith(wb, 'Budget 2025', [budgetHeader, standardRow('BK Union'), standardRow('Siam')]);
  // A warning only: the sheet can be saved, but without membership figures.
  return { name: 'sheet-absent', workbook: wb, exitCode: 0, expected: [{ code: 'sheet-absent', sheet: null, cell: null }] };
}

function uncalculatedFormula(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  const ws = sheetWith(wb, 'Budget 2025', [budgetHeader, standardRow('BK Union')]);
  // A formula with no result, as scripts that never ran Excel save it.
  ws.getCell('D2').value = { formula: '250000*1' } as ExcelJS.CellFormulaValue;
  sheetWith(wb, 'Medlemstal 2025', [membershipHeader, membershipRow('BK Union')]);
  return { name: 'uncalculated-formula', workbook: wb, expected: [{ code: 'uncalculated-formula', sheet: 'Budget 2025', cell: 'D2' }] };
}

function otherYear(): BrokenWorkbook {
  const wb = new ExcelJS.Workbook();
  sheetWith(wb, 'Budget 2025', [budgetHeader, standardRow('BK Union')]);
  sheetWith(wb, 'Medlemstal 2025', [membershipHeader, membershipRow('BK Union')]);
  // Checked as 2019 (model-2012): the 2025 grant is off, and year-differs says the sheets name 2025.
  return { name: 'year-differs', workbook: wb, args: ['--year', '2019'], expected: [{ code: 'year-differs', sheet: null, cell: null }, { code: 'grant-mismatch', sheet: 'Budget 2025', cell: 'D2' }] };
}

export function brokenWorkbooks(): BrokenWorkbook[] {
  return [everyRuleBroken(), missingColumn(), noSheetFound(), unknownModel(), personalData(), onlyBudget(), uncalculatedFormula(), otherYear()];
}

/**
 * The rules no workbook file alone brings to validate: change-vs-previous needs the service's previous snapshot;
 * a file with invalid-text cells is refused by the reader first (exit 2; tests/shared/invalid-text.test.ts has the
 * core's finding, which the pane shows).
 */
export const notFromAFile = ['change-vs-previous', 'invalid-text'];

if (process.argv[1] && /broken-workbooks\.ts$/.test(process.argv[1])) {
  const dir = process.argv[2] ?? 'test-artifacts/broken-workbooks';
  mkdirSync(dir, { recursive: true });
  for (const b of brokenWorkbooks()) {
    await b.workbook.xlsx.writeFile(join(dir, `${b.name}.xlsx`));
    console.log(`wrote ${join(dir, `${b.name}.xlsx`)}${b.args ? ` (validate with ${b.args.join(' ')})` : ''}`);
  }
}
