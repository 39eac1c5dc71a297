import { describe, expect, it } from 'vitest';
import { validateWorkbook, type CellValue, type Report, type WorkbookInput } from '../../shared';
import { budgetHeader, membershipHeader, workbook2025 } from './fixtures';

const B = 'Budget 2025';
const M = 'Medlemstal 2025';
const col = (name: string) => String.fromCharCode(65 + budgetHeader.indexOf(name));
const mcol = (name: string) => String.fromCharCode(65 + membershipHeader.indexOf(name));
const setB = (row: number, name: string, v: CellValue) => (rows: CellValue[][]) => { rows[row - 1][budgetHeader.indexOf(name)] = v; };
const setM = (row: number, name: string, v: CellValue) => (rows: CellValue[][]) => { rows[row - 1][membershipHeader.indexOf(name)] = v; };
const codes = (r: Report) => r.issues.map((i) => i.code);
const find = (r: Report, code: string) => r.issues.filter((i) => i.code === code);

describe('a valid 2025 workbook', () => {
  it('has no findings at all', () => {
    const r = validateWorkbook(workbook2025());
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ year: 2025, model: 'model-2025', ok: true, counts: { error: 0, warning: 0, info: 0 } });
    expect(r.data.budget).toHaveLength(21);
    expect(r.data.membership).toHaveLength(21);
  });
});

/** Each case breaks one thing and names the one cell the finding must point at. */
const cellCases: Array<{ code: string; wb: () => WorkbookInput; sheet: string; cell: string | null; severity: string; opts?: object }> = [
  { code: 'formula-error', wb: () => workbook2025({ budget: setB(3, 'Tilskud', '#REF!') }), sheet: B, cell: `${col('Tilskud')}3`, severity: 'error' },
  { code: 'type-error', wb: () => workbook2025({ budget: setB(4, 'Tilskud', 'ca. 250') }), sheet: B, cell: `${col('Tilskud')}4`, severity: 'error' },
  { code: 'missing-value', wb: () => workbook2025({ budget: setB(5, 'Timer pr. uge', '') }), sheet: B, cell: `${col('Timer pr. uge')}5`, severity: 'error' },
  { code: 'negative-value', wb: () => workbook2025({ membership: setM(6, 'Medlemmer i alt', -3) }), sheet: M, cell: `${mcol('Medlemmer i alt')}6`, severity: 'error' },
  { code: 'duplicate-association', wb: () => workbook2025({ budget: setB(7, 'Forening', '  brønshøj  boldklub ') }), sheet: B, cell: 'A7', severity: 'error' },
  { code: 'unknown-district', wb: () => workbook2025({ budget: setB(8, 'Bydel', 'Nørebro') }), sheet: B, cell: 'B8', severity: 'error' },
  { code: 'unknown-tier', wb: () => workbook2025({ budget: setB(9, 'Partnerskab', 'super') }), sheet: B, cell: `${col('Partnerskab')}9`, severity: 'error' },
  { code: 'grant-mismatch', wb: () => workbook2025({ budget: setB(10, 'Tilskud', 200000) }), sheet: B, cell: `${col('Tilskud')}10`, severity: 'error' },
  { code: 'cofinancing-below-minimum', wb: () => workbook2025({ budget: setB(11, 'Medfinansiering', '49.999 kr.') }), sheet: B, cell: `${col('Medfinansiering')}11`, severity: 'error' },
  { code: 'hours-below-minimum', wb: () => workbook2025({ budget: setB(2, 'Timer pr. uge', 36) }), sheet: B, cell: `${col('Timer pr. uge')}2`, severity: 'error' },
  { code: 'agreement-terms-missing', wb: () => workbook2025({ budget: setB(12, 'Overenskomst', 'Nej') }), sheet: B, cell: `${col('Overenskomst')}12`, severity: 'error' },
  { code: 'salary-below-funding', wb: () => workbook2025({ budget: setB(13, 'Lønudgift', 250000) }), sheet: B, cell: `${col('Lønudgift')}13`, severity: 'warning' },
  { code: 'members-below-threshold', wb: () => workbook2025({ membership: (m) => { m[2] = ['IF Stadion', 30, 30, 10, 70, 200]; } }), sheet: M, cell: `${mcol('Medlemmer under 25')}3`, severity: 'warning' },
  { code: 'age-bands-mismatch', wb: () => workbook2025({ membership: setM(4, 'Medlemmer under 25', 1) }), sheet: M, cell: `${mcol('Medlemmer under 25')}4`, severity: 'error' },
  { code: 'under25-exceeds-total', wb: () => workbook2025({ membership: setM(5, 'Medlemmer i alt', 10) }), sheet: M, cell: `${mcol('Medlemmer i alt')}5`, severity: 'error' },
  { code: 'membership-missing', wb: () => workbook2025({ membership: (m) => { m.splice(3, 1); } }), sheet: B, cell: 'A4', severity: 'warning' },
  { code: 'budget-missing', wb: () => workbook2025({ budget: (b) => { b.splice(5, 1); } }), sheet: M, cell: 'A6', severity: 'warning' },
  { code: 'personal-data', wb: () => workbook2025({ membership: (m) => { m[7].push('Kontakt: 010203-1234'); } }), sheet: M, cell: 'G8', severity: 'error' },
];

describe('each rule fires at the right cell', () => {
  for (const c of cellCases) {
    it(c.code, () => {
      const r = validateWorkbook(c.wb(), c.opts);
      const hits = find(r, c.code);
      expect(hits, JSON.stringify(r.issues, null, 1)).toHaveLength(1);
      expect(hits[0]).toMatchObject({ sheet: c.sheet, cell: c.cell, severity: c.severity });
      expect(hits[0].message.length).toBeGreaterThan(20);
      expect(r.ok).toBe(c.severity !== 'error');
    });
  }
});

describe('header and sheet findings', () => {
  it('missing-column lists the accepted headers and points at the header row', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => b.forEach((row) => row.splice(budgetHeader.indexOf('Medfinansiering'), 1)) }));
    const [hit] = find(r, 'missing-column');
    expect(hit).toMatchObject({ sheet: B, row: 1, field: 'cofinancing', severity: 'error' });
    expect(hit.message).toContain('"Egenfinansiering"');
  });
  it('missing-column for members when neither under 25 nor all age bands are there', () => {
    const r = validateWorkbook(workbook2025({ membership: (m) => m.forEach((row) => row.splice(3, 2)) }));
    expect(find(r, 'missing-column')).toMatchObject([{ sheet: M, field: 'under25' }]);
  });
  it('no missing-column when the age bands stand in for under 25', () => {
    const r = validateWorkbook(workbook2025({ membership: (m) => m.forEach((row) => row.splice(4, 1)) }));
    expect(r.issues).toEqual([]);
    expect(r.data.membership[0].under25).toBe(60 + 50 + 20);
  });
  it('unknown-column is info at its header cell', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => b.forEach((row, i) => row.push(i === 0 ? 'Bemærkninger' : 'x')) }));
    expect(find(r, 'unknown-column')).toMatchObject([{ sheet: B, cell: 'J1', severity: 'info', value: 'Bemærkninger' }]);
    expect(r.ok).toBe(true);
  });
  it('duplicate-column warns at the second column and uses the first', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => b.forEach((row, i) => row.push(i === 0 ? 'Bevilling' : 1)) }));
    expect(find(r, 'duplicate-column')).toMatchObject([{ cell: 'J1', severity: 'warning', field: 'grant' }]);
    expect(find(r, 'grant-mismatch')).toHaveLength(0);
  });
  it('sheet-not-found only for the kinds asked for', () => {
    const wb = workbook2025();
    const onlyBudget = { sheets: [wb.sheets[0]] };
    expect(codes(validateWorkbook(onlyBudget))).not.toContain('sheet-not-found');
    const r = validateWorkbook(onlyBudget, { require: ['budget', 'membership'] });
    expect(find(r, 'sheet-not-found')).toMatchObject([{ severity: 'error', sheet: null }]);
    expect(find(validateWorkbook({ sheets: [{ name: 'Ark1', values: [['hej']] }] }), 'sheet-not-found')).toHaveLength(2);
    expect(find(validateWorkbook(wb, { budgetSheet: 'Økonomi' }), 'sheet-not-found')[0].message).toContain('"Budget 2025"');
  });
  it('total-row is info and excluded; total-mismatch is an error at the total cell', () => {
    const ok = validateWorkbook(workbook2025({ budget: (b) => b.push(['I alt', '', '', 5_850_000, '', '', '', '', '']) }));
    expect(find(ok, 'total-row')).toMatchObject([{ cell: 'A23', severity: 'info' }]);
    expect(find(ok, 'total-mismatch')).toHaveLength(0);
    expect(ok.data.budget).toHaveLength(21);
    const bad = validateWorkbook(workbook2025({ budget: (b) => b.push(['Total', '', '', 5_000_000, '', '', '', '', '']) }));
    expect(find(bad, 'total-mismatch')).toMatchObject([{ cell: 'D23', severity: 'error' }]);
  });
});

describe('programme-level findings', () => {
  it('extended-area-conflict: two udvidet in one local area, and one outside every local area', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => { b[3][2] = 'udvidet'; b[3][3] = 400000; b[3][4] = 100000; b[3][5] = 37; b[3][6] = 600000; b[17][2] = 'udvidet'; b[17][3] = 400000; b[17][4] = 100000; b[17][5] = 37; b[17][6] = 600000; } }));
    const hits = find(r, 'extended-area-conflict');
    expect(hits.map((h) => h.cell)).toEqual(['C10', 'B18']);
    expect(find(r, 'extended-count')).toMatchObject([{ severity: 'warning', value: 6 }]);
  });
  it('udvidet city-wide associations are not an area conflict', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => { b[19][2] = 'udvidet'; b[19][3] = 400000; b[19][4] = 100000; b[19][5] = 37; b[19][6] = 600000; } }));
    expect(find(r, 'extended-area-conflict')).toHaveLength(0);
    expect(find(r, 'extended-count')).toHaveLength(1);
  });
  it('budget-frame-exceeded and culture-pool-exceeded', () => {
    const r = validateWorkbook(workbook2025({ budget: (b) => { for (let i = 1; i < 8; i++) b.push([`Ny forening ${i}`, 'Valby', 'standard', 250000, 60000, 30, 400000, 'Ja', i < 3 ? 'Kulturpulje' : 'Varige midler']); } }));
    expect(find(r, 'budget-frame-exceeded')).toMatchObject([{ severity: 'warning', value: 6_350_000 }]);
    expect(find(r, 'culture-pool-exceeded')).toMatchObject([{ severity: 'warning', value: 1_250_000 }]);
  });
  it('model-unknown before 2012 and when no year can be found', () => {
    expect(find(validateWorkbook(workbook2025(), { year: 2011 }), 'model-unknown')).toMatchObject([{ severity: 'error', value: 2011 }]);
    const wb = workbook2025();
    wb.sheets[0].name = 'Budget';
    wb.sheets[1].name = 'Medlemmer';
    expect(find(validateWorkbook(wb), 'model-unknown')).toHaveLength(1);
    expect(validateWorkbook(wb, { year: 2025 }).ok).toBe(true);
  });
  it('gender-mismatch warns when girls + boys differ from under 25', () => {
    const wb = workbook2025({ membership: (m) => m.forEach((row, i) => row.push(...(i === 0 ? ['Piger', 'Drenge'] : [Number(row[4]) - 10, i === 3 ? 1 : 10]))) });
    expect(find(validateWorkbook(wb), 'gender-mismatch')).toMatchObject([{ cell: 'G4', severity: 'warning' }]);
  });
  it('change-vs-previous warns over 30 % against the previous year', () => {
    const previous = { year: 2024, rows: [{ association: 'IF Stadion', under25: 300 }, { association: 'Brønshøj Boldklub', under25: 135 }] };
    const r = validateWorkbook(workbook2025(), { previousMembership: previous });
    expect(find(r, 'change-vs-previous')).toMatchObject([{ sheet: M, cell: 'E3', association: 'IF Stadion', severity: 'warning' }]);
  });
});

describe('rules that must not fire', () => {
  it('model-2012: no tier, co-financing or agreement columns needed; 200.000 and 20 hours', () => {
    const rows: CellValue[][] = [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['IF Stadion', 'Nordvest', '200.000 kr.', 20], ['BK Union', 'Nørrebro', 200000, '22,5']];
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2019', values: rows }] });
    expect(r).toMatchObject({ year: 2019, model: 'model-2012', ok: true });
    expect(r.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(['sheet-absent@null', 'spelling-variant@B2', 'text-amount@C2', 'text-amount@D3']);
    const bad = validateWorkbook({ sheets: [{ name: 'Budget 2019', values: [...rows, ['Siam', 'Nørrebro', 250000, 19]] }] });
    expect(codes(bad).filter((c) => find(bad, c)[0].severity !== 'info').sort()).toEqual(['grant-mismatch', 'hours-below-minimum', 'sheet-absent']);
  });
  it('yes/no written as x counts as yes; blank is no', () => {
    expect(validateWorkbook(workbook2025({ budget: setB(2, 'Overenskomst', 'x') })).ok).toBe(true);
    expect(codes(validateWorkbook(workbook2025({ budget: setB(2, 'Overenskomst', '') })))).toEqual(['agreement-terms-missing']);
  });
  it('a membership sheet alone is validated without budget findings; sheet-absent says the budget is absent', () => {
    const r = validateWorkbook({ sheets: [workbook2025().sheets[1]] });
    expect(r.issues).toMatchObject([{ code: 'sheet-absent', severity: 'warning', sheet: null }]);
    expect(r.ok).toBe(true);
    expect(r.summary.total.membersUnder25).toBe(5460);
  });
  it('values that merely resemble CPR numbers are not personal data', () => {
    const r = validateWorkbook(workbook2025({ membership: (m) => { m[2].push('Tlf. 33 66 33 66', 1234567890, '311399-1234'); } }));
    expect(find(r, 'personal-data')).toHaveLength(0);
  });
});
