import { describe, expect, it } from 'vitest';
import { copenhagen, modelForYear, summarise, validateWorkbook } from '../../shared';
import { workbook2025 } from './fixtures';

describe('summaries', () => {
  const r = validateWorkbook(workbook2025());

  it('the programme total matches the seed: 4 udvidet + 17 standard = 5.850.000 kr.', () => {
    expect(r.summary.total).toMatchObject({ associations: 21, extended: 4, grant: 5_850_000 });
  });

  it('per district, in the configured order, city-wide last, summing to the total', () => {
    const names = r.summary.districts.map((d) => d.district);
    const order = [...copenhagen.districts.map((d) => d.name), 'Bydækkende'];
    expect(names).toEqual(order.filter((n) => names.includes(n)));
    expect(names.at(-1)).toBe('Bydækkende');
    const nb = r.summary.districts.find((d) => d.district === 'Nørrebro')!;
    expect(nb).toMatchObject({ associations: 6, extended: 1, grant: 400_000 + 5 * 250_000 });
    for (const f of ['associations', 'grant', 'cofinancing', 'hours', 'membersUnder25'] as const) {
      expect(r.summary.districts.reduce((s, d) => s + d[f], 0), f).toBe(r.summary.total[f]);
    }
    expect(nb.grantPerMemberUnder25).toBeCloseTo(nb.grant / nb.membersUnder25, 2);
  });

  it('per local area: each holds its one udvidet partnership', () => {
    expect(r.summary.localAreas.map((a) => [a.localArea, a.extended])).toEqual([
      ['Amager', 1], ['Husum/Tingbjerg', 1], ['Valby/Sydhavnen', 1], ['Nørrebro/Bispebjerg', 1],
    ]);
    const amager = r.summary.localAreas[0];
    expect(amager.districts).toEqual(['Amager Øst', 'Amager Vest']);
    expect(amager.associations).toBe(3);
  });

  it('per funding source against its frame', () => {
    expect(r.summary.funding).toEqual([
      { source: 'varige-midler', associations: 18, grant: 5_100_000, frame: 6_000_000, remaining: 900_000 },
      { source: 'kulturpulje', associations: 3, grant: 750_000, frame: 750_000, remaining: 0 },
    ]);
  });

  it('summarise on the rows alone gives the same summary as the report', () => {
    expect(summarise(r.data.budget, r.data.membership, modelForYear(2025))).toEqual(r.summary);
  });

  it('age bands are summed where given, null where no row gives them', () => {
    expect(r.summary.total.age0to12).toBe(r.data.membership.reduce((s, m) => s + (m.age0to12 ?? 0), 0));
    const noBands = summarise(r.data.budget, r.data.membership.map((m) => ({ ...m, age0to12: null, age13to18: null, age19to24: null })), modelForYear(2025));
    expect(noBands.total.age0to12).toBeNull();
  });
});
