/**
 * The totals rule of shared/summary.ts on plain rows: every association counted once, members without a
 * budget row under "Uden bydel", so the bydele add up to the programme total in every column, whatever rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copenhagen, modelForYear, summarise, type BudgetRow, type MembershipRow, type Totals } from '../../shared';
import { NO_DISTRICT, programmeAssociations } from '../../shared/summary';

const budget = (row: number, association: string, district: string | null, grant: number, tier: 'standard' | 'udvidet' = 'standard'): BudgetRow => ({
  row, association, district, localArea: null, tier, grant, cofinancing: 50_000, hours: 25, salary: null, agreementTerms: true,
  fundingSource: 'varige-midler', consultant: null, since: null, year: 2025,
});
const members = (row: number, association: string, under25: number, totalMembers: number | null = null): MembershipRow => ({
  row, association, year: 2025, age0to12: null, age13to18: null, age19to24: null, under25, girls: null, boys: null, totalMembers,
});

describe('the totals rule', () => {
  it('joins by name as the rules do, and lists budget rows, then members without one', () => {
    const b = [budget(2, 'BK Union', 'Nørrebro', 250_000), budget(3, 'Fremad Valby', 'Valby', 400_000, 'udvidet')];
    const m = [members(2, 'Ny Forening', 60), members(3, ' bk  UNION ', 160)];
    expect(programmeAssociations(b, m).map((a) => [a.association, a.district, a.budget?.row ?? null, a.membership?.row ?? null])).toEqual([
      ['BK Union', 'Nørrebro', 2, 3], ['Fremad Valby', 'Valby', 3, null], ['Ny Forening', NO_DISTRICT, null, 2],
    ]);
    const s = summarise(b, m, modelForYear(2025), copenhagen);
    expect(s.districts.map((d) => [d.district, d.associations, d.extended, d.grant, d.membersUnder25])).toEqual([
      ['Nørrebro', 1, 0, 250_000, 160], ['Valby', 1, 1, 400_000, 0], ['Uden bydel', 1, 0, 0, 60],
    ]);
    expect(s.total).toMatchObject({ associations: 3, extended: 1, grant: 650_000, membersUnder25: 220, totalMembers: null, grantPerMemberUnder25: 2_954.55 });
  });

  it('counts a budget row without a bydel under "Uden bydel", and keeps a bydel the configuration no longer names', () => {
    const s = summarise([budget(2, 'A', null, 250_000), budget(3, 'B', 'Gammel Bydel', 250_000), budget(4, 'C', 'Valby', 250_000)], [], null);
    expect(s.districts.map((d) => d.district)).toEqual(['Valby', 'Gammel Bydel', 'Uden bydel']);
  });

  it('a membership-only sheet: every association under "Uden bydel", the total counts them all', () => {
    const s = summarise([], [members(2, 'A', 120, 300), members(3, 'B', 80, null)], null);
    expect(s.districts).toEqual([expect.objectContaining({ district: 'Uden bydel', associations: 2, membersUnder25: 200, totalMembers: 300 })]);
    expect(s.total).toMatchObject({ associations: 2, membersUnder25: 200, grant: 0 });
  });

  it('the bydele add up to the programme total in every column, whatever the rows', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const districts = [null, 'Nørrebro', 'Valby', 'Bydækkende'];
    const rows = fc.record({
      budget: fc.uniqueArray(fc.record({ name: fc.constantFrom(...names), district: fc.constantFrom(...districts), grant: fc.integer({ min: 0, max: 500_000 }) }), { selector: (r) => r.name, maxLength: 6 }),
      membership: fc.uniqueArray(fc.record({ name: fc.constantFrom(...names), under25: fc.integer({ min: 0, max: 500 }), total: fc.option(fc.integer({ min: 0, max: 900 })) }), { selector: (r) => r.name, maxLength: 6 }),
    });
    fc.assert(
      fc.property(rows, (r) => {
        const s = summarise(
          r.budget.map((b, i) => budget(i + 2, b.name, b.district, b.grant)),
          r.membership.map((m, i) => members(i + 2, m.name, m.under25, m.total)),
          null,
        );
        const sum = (field: keyof Totals) => s.districts.reduce((n, d) => n + ((d[field] as number | null) ?? 0), 0);
        for (const field of ['associations', 'grant', 'cofinancing', 'hours', 'membersUnder25', 'totalMembers'] as const) {
          expect(sum(field), field).toBeCloseTo(s.total[field] ?? 0, 2);
        }
        expect(s.total.associations).toBe(new Set([...r.budget.map((b) => b.name), ...r.membership.map((m) => m.name)]).size);
      }),
    );
  });
});
