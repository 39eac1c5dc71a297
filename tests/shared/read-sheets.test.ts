import { describe, expect, it } from 'vitest';
import { validateWorkbook, type CellValue } from '../../shared';

/** A budget sheet the way finance staff keep it: title rows, synonyms, text amounts, aliases, a blank row, a total. */
function staffBudget(): CellValue[][] {
  return [
    ['Sociale partnerskaber – budget 2025', '', '', '', '', ''],
    ['Kultur- og Fritidsforvaltningen', '', '', '', '', ''],
    [],
    ['Timer/uge', 'Foreningsnavn', 'Område', 'Type', 'Bevilling (kr.)', 'Egenfinansiering', 'Overenskomstlignende vilkår', 'Note'],
    [37, 'Nørrebro United', 'Nørrebro', 'Udvidet', '400.000 kr.', '100.000,00', 'Ja', ''],
    ['25', 'IF Stadion', 'Nordvest', 'standard', '250.000', 'kr. 50.000,-', 'x', 'ny aftale'],
    ['', '', '', '', '', '', '', ''],
    [30, 'Lundehus', 'Sydhavnen', 'Standard', 250000, 75000, 'ja', ''],
    ['', 'I alt', '', '', '900.000 kr.', 225000, '', ''],
    ['Kilde: økonomiafdelingen', '', '', '', '', '', '', ''],
  ];
}

describe('reading the sheets staff keep', () => {
  it('finds the header below title rows, maps synonyms in any order, reads text amounts and aliases', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Økonomi', values: staffBudget() }] });
    expect(r.year).toBe(2025);
    expect(r.sheets.budget).toMatchObject({ name: 'Økonomi', headerRow: 4, dataRows: 3 });
    expect(r.sheets.budget!.columns).toMatchObject({ hours: 'A', association: 'B', district: 'C', tier: 'D', grant: 'E', cofinancing: 'F', agreementTerms: 'G' });
    expect(r.data.budget.map((b) => [b.association, b.district, b.tier, b.grant, b.cofinancing, b.hours])).toEqual([
      ['Nørrebro United', 'Nørrebro', 'udvidet', 400000, 100000, 37],
      ['IF Stadion', 'Bispebjerg', 'standard', 250000, 50000, 25],
      ['Lundehus', 'Vesterbro/Kongens Enghave', 'standard', 250000, 75000, 30],
    ]);
    // Every figure written as text and every variant spelling is read as meant, and said so with its fix.
    expect(r.issues.map((i) => `${i.code}@${i.cell}`)).toEqual([
      'sheet-absent@null', 'extended-count@D4', 'unknown-column@H4',
      'spelling-variant@D5', 'text-amount@E5', 'text-amount@F5',
      'text-amount@A6', 'spelling-variant@C6', 'text-amount@E6', 'text-amount@F6', 'spelling-variant@G6',
      'spelling-variant@C8', 'spelling-variant@D8', 'spelling-variant@G8',
      'total-row@B9',
    ]);
    expect(r.issues.filter((i) => i.fix).map((i) => [i.fix!.cell, i.fix!.value, i.fix!.numberFormat ?? null])).toEqual([
      ['D5', 'udvidet', null], ['E5', 400000, '#,##0 "kr."'], ['F5', 100000, '#,##0 "kr."'],
      ['A6', 25, 'General'], ['C6', 'Bispebjerg', null], ['E6', 250000, '#,##0 "kr."'], ['F6', 50000, '#,##0 "kr."'], ['G6', 'Ja', null],
      ['C8', 'Vesterbro/Kongens Enghave', null], ['D8', 'standard', null], ['G8', 'Ja', null],
    ]);
    expect(r.ok).toBe(true);
  });

  it('finds sheets by header when their names say nothing', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Ark2', values: [['Forening', 'Under 25 år'], ['Siam', 150]] }, { name: 'Ark1', values: staffBudget() }] });
    expect(r.sheets.budget?.name).toBe('Ark1');
    expect(r.sheets.membership?.name).toBe('Ark2');
  });

  it('prefers the sheet named for the year asked for', () => {
    const mk = (name: string): { name: string; values: CellValue[][] } => ({ name, values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['Siam', 'Nørrebro', 200000, 20]] });
    expect(validateWorkbook({ sheets: [mk('Budget 2023'), mk('Budget 2024')] }).sheets.budget?.name).toBe('Budget 2024');
    expect(validateWorkbook({ sheets: [mk('Budget 2023'), mk('Budget 2024')] }, { year: 2023 }).sheets.budget?.name).toBe('Budget 2023');
  });

  it('a multi-year sheet is read for the programme year only', () => {
    const values: CellValue[][] = [['År', 'Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], [2023, 'Siam', 'Nørrebro', 200000, 20], [2024, 'Siam', 'Nørrebro', 200000, 22]];
    const latest = validateWorkbook({ sheets: [{ name: 'Budget', values }] });
    expect(latest).toMatchObject({ year: 2024, ok: true });
    expect(latest.data.budget).toMatchObject([{ hours: 22 }]);
    expect(latest.sheets.budget?.otherYearRows).toBe(1);
    expect(validateWorkbook({ sheets: [{ name: 'Budget', values }] }, { year: 2023 }).data.budget).toMatchObject([{ hours: 20 }]);
  });

  it('a 1904 workbook: its date cells give the year of the 1904 system, for the programme year and the rows', () => {
    // 31-12-2025 and 31-12-2024 as a workbook in the 1904 date system holds them.
    const values: CellValue[][] = [['År', 'Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Timer pr. uge'], [46022 - 1462, 'Siam', 'Nørrebro', 'standard', 250000, 30], [45657 - 1462, 'Siam', 'Nørrebro', 'standard', 200000, 22]];
    const numberFormat = values.map((_, r) => (r === 0 ? [] : ['dd-mm-yyyy']));
    const of1904 = validateWorkbook({ date1904: true, sheets: [{ name: 'Budget', values, numberFormat }] });
    expect(of1904).toMatchObject({ year: 2025, model: 'model-2025' });
    expect(of1904.data.budget).toMatchObject([{ grant: 250000, hours: 30, year: 2025 }]);
    expect(of1904.issues.filter((i) => i.code === 'grant-mismatch')).toEqual([]);
    // The same cells in a 1900 workbook are four years earlier.
    expect(validateWorkbook({ sheets: [{ name: 'Budget', values, numberFormat }] })).toMatchObject({ year: 2021, model: 'model-2012' });
  });

  it('the user can say which sheet is which', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Mine tal', values: staffBudget() }] }, { budgetSheet: 'Mine tal', membershipSheet: false });
    expect(r.sheets.budget?.name).toBe('Mine tal');
    expect(r.sheets.membership).toBeNull();
  });

  it('Excel errors marked by valueTypes become formula-error', () => {
    const values: CellValue[][] = [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['Siam', 'Nørrebro', '', 20]];
    const valueTypes = [['String', 'String', 'String', 'String'], ['String', 'String', 'Error', 'Double']];
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2020', values, valueTypes }] });
    expect(r.issues).toMatchObject([{ code: 'sheet-absent' }, { code: 'formula-error', cell: 'C2' }]);
  });

  it('ragged rows and odd cells do not upset the reader', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2020', values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['Siam'], [], ['BK Union', 'Nørrebro', 200000, 20, 'extra', true]] }] });
    expect(r.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(['sheet-absent@null', 'missing-value@B2', 'missing-value@C2', 'missing-value@D2']);
  });

  it('reports in English when asked', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2020', values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['Siam', 'Nørebro', 200000, 20]] }] }, { lang: 'en' });
    expect(r.issues[1].message).toBe('B2: The district "Nørebro" is not known. Did you mean "Nørrebro"? Use one of the districts or "Bydækkende".');
  });

  it('a sheet with personal data yields no rows and never echoes the number', () => {
    const values: CellValue[][] = [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge', 'CPR'], ['Siam', 'Nørrebro', 200000, 20, '0101901234'], ['Jens 120588-1234', 'Nørrebro', 'x', 20, '']];
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2020', values }] });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.code === 'personal-data').map((i) => i.cell)).toEqual(['E1', 'A3']);
    expect(r.data.budget).toEqual([]);
    const text = JSON.stringify(r);
    expect(text).not.toContain('120588');
    expect(text).not.toContain('0101901234');
  });
});
