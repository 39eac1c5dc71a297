import { describe, expect, it } from 'vitest';
import { validateWorkbook, type Report, type WorkbookInput } from '../../shared';
import { validateChoice } from '../../addin/workbook-choice';
import { budgetHeader, budgetRows2025, membershipHeader, membershipRows2025 } from './fixtures';

const found = (r: Report) => r.issues.filter((i) => i.code === 'invalid-text');
/**
 * A budget sheet as Office.js hands it to the pane (Range.values): a NUL in one association name, an unpaired
 * surrogate in a district, U+FFFF in another name. A file or a JSON body with such cells is refused by the
 * reader and the service before the core sees it; the pane's own check is the core, which says where.
 */
function hostileGrid(): WorkbookInput {
  return {
    sheets: [{
      name: 'Budget 2019',
      values: [
        ['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'],
        ['Siam\u0000IF', 'Nørrebro', 200_000, 20],
        ['BK Union\uffff', 'Nørrebro\ud800', 200_000, 20],
      ],
    }],
  };
}

describe('invalid-text', () => {
  it('each hostile cell is an error at its address, and the text itself is never repeated', () => {
    const r = validateWorkbook(hostileGrid());
    expect(r.ok).toBe(false);
    expect(found(r).map((i) => [i.cell, i.severity, i.value])).toEqual([['A2', 'error', null], ['A3', 'error', null], ['B3', 'error', null]]);
    expect(found(r).map((i) => i.message)).toEqual([
      'A2: Cellen indeholder et usynligt styretegn (U+0000) ved tegn 5. Skriv teksten igen uden det, fx ved at kopiere den via Notesblok.',
      'A3: Cellen indeholder tegnet U+FFFF ved tegn 9, som ikke er et gyldigt tegn. Slet det.',
      'B3: Cellen indeholder et ødelagt tegn (U+D800) ved tegn 9. Skriv teksten igen.',
    ]);
    const en = validateWorkbook(hostileGrid(), { lang: 'en' });
    expect(found(en)[0].message).toBe('A2: The cell holds an invisible control character (U+0000) at character 5. Type the text again without it.');
  });

  it('over 32,767 characters (as a JSON grid may send it): an error at the cell; 32,767 is allowed', () => {
    const rows = [budgetHeader, ...budgetRows2025()];
    rows[3][8] = 'x'.repeat(40_000);
    rows[4][8] = 'y'.repeat(32_767);
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2025', values: rows }, { name: 'Medlemstal 2025', values: [membershipHeader, ...membershipRows2025()] }] });
    expect(found(r).map((i) => [i.cell, i.message])).toEqual([['I4', 'I4: Cellen har 40.000 tegn; Excel tillader højst 32.767 i en celle. Forkort teksten.']]);
    expect(r.ok).toBe(false);
  });

  it("a sheet's name: a workbook finding that names the kind of sheet, not the name", () => {
    const r = validateWorkbook({ sheets: [{ name: 'Budget\u00072025', values: [budgetHeader, ...budgetRows2025()] }] }, { year: 2025 });
    expect(found(r)).toMatchObject([{ sheet: null, cell: null, severity: 'error', message: 'Navnet på budgetarket indeholder et usynligt styretegn (U+0007) ved tegn 7. Skriv teksten igen uden det, fx ved at kopiere den via Notesblok.' }]);
  });

  it("the pane's path says the same", () => {
    const r = validateChoice(hostileGrid(), { budgetSheet: 'Budget 2019', membershipSheet: null, year: 2019 }, 'da');
    expect(found(r).map((i) => i.cell)).toEqual(['A2', 'A3', 'B3']);
    expect(r.ok).toBe(false);
  });

  it('tab and line breaks in a cell, Danish letters and emoji are fine', () => {
    const rows = [budgetHeader, ...budgetRows2025()];
    rows[1][0] = 'Brønshøj\tBoldklub\r\nÆrø 😀';
    const r = validateWorkbook({ sheets: [{ name: 'Budget 2025', values: rows }] });
    expect(found(r)).toEqual([]);
  });
});
