import { describe, expect, it } from 'vitest';
import { validateWorkbook, type CellValue, type Report } from '../../shared';
import { validateChoice } from '../../addin/workbook-choice';
import { budgetHeader, budgetRows2025, workbook2025 } from './fixtures';

const hint = (r: Report) => r.issues.filter((i) => i.code === 'year-differs');

/** The 2025 budget with a year column, each row's year given. */
function withYearColumn(year: (i: number) => CellValue) {
  return { sheets: [{ name: 'Budget', values: [[...budgetHeader, 'År'], ...budgetRows2025().map((r, i) => [...r, year(i)])] }] };
}

describe('year-differs: the year asked for is not the one the sheets name', () => {
  it("the sheet's name says 2025, the year is 2019: a warning first, in the words of each surface", () => {
    const r = validateWorkbook(workbook2025(), { year: 2019 });
    expect(r.issues[0]).toMatchObject({ code: 'year-differs', severity: 'warning', sheet: null, cell: null, value: 2025 });
    expect(r.issues.filter((i) => i.code === 'grant-mismatch')).toHaveLength(21);
    expect(hint(r)[0].message).toBe('Arket "Budget 2025" siger 2025 i sit navn, men året er sat til 2019, så arkene tjekkes efter 2012-modellen. Er arkene fra 2025, så vælg 2025 som år.');
    expect(hint(validateWorkbook(workbook2025(), { year: 2019, surface: 'api' }))[0].message).toMatch(/send year=2025, eller udelad year\.$/);
    expect(hint(validateWorkbook(workbook2025(), { year: 2019, surface: 'cli', lang: 'en' }))[0].message).toBe(
      'The sheet "Budget 2025" says 2025 in its name, but the year is set to 2019, so the sheets are checked against the 2012 model. If the sheets are from 2025, run again with --year 2025 (or without --year).',
    );
  });

  it("the pane: the person chose another year than the sheets'", () => {
    const wb = workbook2025();
    const r = validateChoice(wb, { budgetSheet: 'Budget 2025', membershipSheet: 'Medlemstal 2025', year: 2026 }, 'da');
    expect(hint(r)[0].message).toBe('Arket "Budget 2025" siger 2025 i sit navn, men året er sat til 2026, så arkene tjekkes efter modellen fra 2025. Er arkene fra 2025, så vælg 2025 under Programår.');
    expect(hint(validateChoice(wb, { budgetSheet: 'Budget 2025', membershipSheet: 'Medlemstal 2025', year: 2025 }, 'da'))).toEqual([]);
  });

  it('a year column that names only 2025: says its rows are left out', () => {
    const r = validateWorkbook(withYearColumn(() => 2025), { year: 2024, surface: 'cli' });
    expect(hint(r)[0].message).toBe('År-kolonnen i "Budget" siger 2025, men året er sat til 2024, så arkene tjekkes efter 2012-modellen, og rækker fra andre år end 2024 springes over. Er arkene fra 2025, så kør igen med --year 2025 (eller uden --year).');
    expect(r.sheets.budget).toMatchObject({ dataRows: 0, otherYearRows: 21 });
  });

  it('no finding when the year column holds the year asked for among others, when no year is asked, or the sheets name none', () => {
    expect(hint(validateWorkbook(withYearColumn((i) => (i < 10 ? 2024 : 2025)), { year: 2024 }))).toEqual([]);
    expect(hint(validateWorkbook(workbook2025()))).toEqual([]);
    expect(hint(validateWorkbook({ sheets: [{ name: 'Budget', values: [budgetHeader, ...budgetRows2025()] }] }, { year: 2019 }))).toEqual([]);
  });

  it('a title above the header names the year', () => {
    const r = validateWorkbook({ sheets: [{ name: 'Budget', values: [['Budget for partnerskaber 2025'], budgetHeader, ...budgetRows2025()] }] }, { year: 2030, lang: 'en' });
    expect(hint(r)[0].message).toMatch(/^The sheet "Budget" says 2025 in its title above the header, but the year is set to 2030, so the sheets are checked against the 2025 model\./);
  });
});
