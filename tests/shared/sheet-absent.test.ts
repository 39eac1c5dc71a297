import { describe, expect, it } from 'vitest';
import { validateWorkbook, type Report } from '../../shared';
import { validateChoice } from '../../addin/workbook-choice';
import { budgetHeader, budgetRows2025, membershipHeader, membershipRows2025 } from './fixtures';
import { roundTrip } from './xlsx-roundtrip';

const absent = (r: Report) => r.issues.filter((i) => i.code === 'sheet-absent');

describe('sheet-absent: one of the two sheets, read from a real .xlsx', () => {
  it('a budget sheet alone: a warning that says no membership figures reach the yearly export; still savable', async () => {
    const wb = await roundTrip([{ name: 'Budget 2025', rows: [budgetHeader, ...budgetRows2025()] }]);
    const r = validateWorkbook(wb, { surface: 'cli' });
    expect(r).toMatchObject({ ok: true, counts: { error: 0, warning: 1 } });
    expect(absent(r)).toMatchObject([{ severity: 'warning', sheet: null, cell: null }]);
    expect(absent(r)[0].message).toBe(
      'Projektmappen har intet medlemsark; kun budgetarket "Budget 2025" er læst. En version, der gemmes herfra, har ingen medlemstal, ' +
      'så årets eksport af medlemstal kan ikke laves ud fra den. Tilføj et ark "Medlemstal" med kolonnerne "Forening" og "Medlemmer under 25", hvis medlemstallene skal med.',
    );
    expect(absent(validateWorkbook(wb, { lang: 'en' }))[0].message).toMatch(/^The workbook has no membership sheet; only the budget sheet "Budget 2025" is read\. .*membership export/);
  });

  it('a membership sheet alone: says the totals get no budget figures', async () => {
    const wb = await roundTrip([{ name: 'Medlemstal 2025', rows: [membershipHeader, ...membershipRows2025()] }]);
    const r = validateWorkbook(wb);
    expect(r.ok).toBe(true);
    expect(absent(r)).toHaveLength(1);
    expect(absent(r)[0].message).toMatch(/^Projektmappen har intet budgetark; kun medlemsarket "Medlemstal 2025" er læst\. .*intet tilskud/);
  });

  it('both sheets: no sheet-absent; neither sheet: sheet-not-found twice and no sheet-absent', async () => {
    const both = await roundTrip([
      { name: 'Budget 2025', rows: [budgetHeader, ...budgetRows2025()] },
      { name: 'Medlemstal 2025', rows: [membershipHeader, ...membershipRows2025()] },
    ]);
    expect(absent(validateWorkbook(both))).toEqual([]);
    const neither = await roundTrip([{ name: 'Noter', rows: [['Husk mødet']] }]);
    const r = validateWorkbook(neither);
    expect(r.issues.map((i) => i.code)).toEqual(['sheet-not-found', 'sheet-not-found', 'model-unknown']);
  });

  it('a kind that must be there is sheet-not-found (an error), not also sheet-absent', async () => {
    const wb = await roundTrip([{ name: 'Budget 2025', rows: [budgetHeader, ...budgetRows2025()] }]);
    const r = validateWorkbook(wb, { require: ['budget', 'membership'] });
    expect(r.issues.map((i) => i.code)).toEqual(['sheet-not-found']);
  });

  it('the pane: with no membership sheet chosen it says so, and where to choose one', async () => {
    const wb = await roundTrip([
      { name: 'Budget 2025', rows: [budgetHeader, ...budgetRows2025()] },
      { name: 'Medlemstal 2025', rows: [membershipHeader, ...membershipRows2025()] },
    ]);
    const r = validateChoice(wb, { budgetSheet: 'Budget 2025', membershipSheet: null, year: 2025 }, 'da');
    expect(absent(r)[0].message).toMatch(/^Der er ikke valgt noget medlemsark; .* Vælg medlemsarket under Medlemsark, eller tilføj et ark "Medlemstal"/);
    const en = validateChoice(wb, { budgetSheet: null, membershipSheet: 'Medlemstal 2025', year: 2025 }, 'en');
    expect(absent(en)[0].message).toMatch(/^No budget sheet is chosen; .* Choose the budget sheet under Budget sheet, or add/);
  });
});
