import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateWorkbook, type Report } from '../../shared';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import { budgetHeader, budgetRows2025, membershipHeader, membershipRows2025 } from './fixtures';
import { roundTrip, type Cell } from './xlsx-roundtrip';

const found = (r: Report) => r.issues.filter((i) => i.code === 'uncalculated-formula');
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/xlsx');

/** A 2025 budget whose grant in row 3 and salary in row 5 are formulas saved without their result (as scripts write them). */
async function withFormulas() {
  const budget: Cell[][] = [budgetHeader, ...budgetRows2025()];
  budget[2][3] = { formula: '250000*1' } as Cell;
  budget[4][6] = { formula: 'D5+E5+10000' } as Cell;
  return roundTrip([{ name: 'Budget 2025', rows: budget }, { name: 'Medlemstal 2025', rows: [membershipHeader, ...membershipRows2025()] }]);
}

describe('uncalculated-formula', () => {
  it('a real .xlsx: a formula without its cached result is said to be one, with how to fix it — not "Udfyld cellen"', async () => {
    const r = validateWorkbook(await withFormulas());
    expect(found(r).map((i) => [i.cell, i.severity, i.field])).toEqual([['D3', 'error', 'grant'], ['G5', 'error', 'salary']]);
    expect(r.issues.filter((i) => i.code === 'missing-value')).toEqual([]);
    expect(found(r)[0].message).toBe(
      'D3: Tilskud for "IF Stadion" er en formel, der aldrig er regnet ud: filen er gemt uden formlens resultat (det gør fx programmer, der skriver .xlsx uden Excel). Åbn filen i Excel, og gem den; så står resultatet i cellen.',
    );
    expect(found(validateWorkbook(await withFormulas(), { lang: 'en' }))[1].message).toMatch(/^G5: Lønudgift of "Dans i Nordvest" is a formula that was never calculated: .* Open the file in Excel and save it/);
  });

  it("openpyxl's own file: its uncalculated SUMs sit in the total row, which is not data", async () => {
    const r = validateWorkbook(await readWorkbookFile(join(fixtures, 'openpyxl-1904-uncalculated.xlsx')));
    expect(found(r)).toEqual([]);
  });
});
