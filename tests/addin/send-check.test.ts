/** The pane's check of a save's strings before it sends: the service's strings, by the service's rule. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../addin/i18n';
import { personalDataPlaces, personalDataRefusal } from '../../addin/send-check';
import { saveSchema } from '../../server/save-check';
import type { SnapshotRequest } from '../../shared/wire';

function request(names: { workbook?: string; budget?: string; membership?: string }): SnapshotRequest {
  const budget = names.budget ?? 'Budget 2025';
  const membership = names.membership ?? 'Medlemstal 2025';
  return {
    year: 2025,
    lang: 'da',
    source: { workbook: names.workbook ?? 'Partnerskaber.xlsx', sheets: [budget, membership] },
    basedOn: null,
    force: false,
    budgetSheet: budget,
    membershipSheet: membership,
    // A CPR-like cell is the rulebook's finding (with its address), not this check's.
    sheets: [{ name: budget, values: [['0101901234']] }, { name: membership, values: [[]] }],
  };
}

describe('personalDataPlaces', () => {
  it('finds nothing in clean names, and leaves the cells to the rulebook', () => {
    expect(personalDataPlaces(request({}))).toEqual([]);
  });

  it.each([
    [{ budget: 'Budget 010190-1234' }, ['budget-sheet-name']],
    [{ membership: 'Medl 0101901234' }, ['membership-sheet-name']],
    // Nine digits: a CPR number whose leading zero was lost.
    [{ workbook: 'Tilskud 101901234.xlsx' }, ['workbook-name']],
    [{ workbook: '010190 1234.xlsx', budget: 'B 010190-1234' }, ['workbook-name', 'budget-sheet-name']],
  ])('names where (%o)', (names, places) => {
    expect(personalDataPlaces(request(names))).toEqual(places);
  });

  it("does not take the version id the service gave for a CPR number, though its digits may read as one", () => {
    // A real randomUUID() whose last group holds 711911067: nine digits, 07-11-91 with its leading zero lost.
    const basedOn = '94bc5c2d-f489-44fc-b6bb-711911067b00';
    const body = { ...request({}), basedOn };
    expect(saveSchema.safeParse(body).success).toBe(true);
    expect(personalDataPlaces(body)).toEqual([]);
  });

  it('refuses exactly the requests the service refuses for their strings', () => {
    for (const names of [{}, { budget: 'Budget 010190-1234' }, { workbook: 'x 101901234.xlsx' }, { membership: 'M 311299-9999' }, { budget: 'Budget 2025-2026' }]) {
      const body = request(names);
      const serviceRefuses = !saveSchema.safeParse(body).success;
      expect(personalDataPlaces(body).length > 0, JSON.stringify(names)).toBe(serviceRefuses);
    }
  });

  it('says where and what to do, in Danish and English, without repeating the number', () => {
    const places = personalDataPlaces(request({ workbook: '010190-1234.xlsx', budget: 'B 010190-1234' }));
    const da = personalDataRefusal(places, translator('da'));
    expect(da).toBe(
      'Intet er sendt. Et CPR-nummer ser ud til at stå i arbejdsbogens filnavn og navnet på budgetarket, og personoplysninger må hverken gemmes eller sendes. ' +
        'Gem arbejdsbogen under et andet navn (Filer > Gem som), og tryk Gem version igen. ' +
        'Omdøb arket (dobbeltklik på fanen), luk og åbn ruden, så den ser det nye navn, og tryk Gem version igen.',
    );
    const en = personalDataRefusal(['membership-sheet-name'], translator('en'));
    expect(en).toBe(
      'Nothing was sent. What looks like a CPR number is in the name of the membership sheet, and personal data is neither stored nor sent. ' +
        'Rename the sheet (double-click its tab), close and open the pane so it sees the new name, and press Save version again.',
    );
    expect(da + en).not.toMatch(/\d{6}/);
  });
});
