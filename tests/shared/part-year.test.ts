import { describe, expect, it } from 'vitest';
import { copenhagen, validateWorkbook, type ProgrammeConfig } from '../../shared';
import { isProRata, proRata } from '../../shared/config';
import { canonicalSnapshot } from '../../shared/snapshot';
import { roundTrip, type Cell } from './xlsx-roundtrip';

// The March 2023 report: partners from 2012, 2018 and 2020 for the whole of 2020, five "fra medio 2020".
const fullYear = ['Brønshøj Boldklub', 'Fremad Valby', 'Nørrebro United', 'Amager Judo Skole', 'BK Union', 'B1908', 'IF Stadion'];
const midYear = ['Ajax København', 'Amager SK', 'Boldklubben Hellas', 'Siam Athlete Nation', 'Valby IF-Gymnastik'];
const header: Cell[] = ['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge', 'Måneder'];

function budget2020(extra: Cell[][] = []): Cell[][] {
  return [
    ['Sociale partnerskaber — budget 2020'],
    header,
    ...fullYear.map((n): Cell[] => [n, 'Valby', 200_000, 20, null]),
    ...midYear.map((n): Cell[] => [n, 'Valby', 100_000, 20, 6]),
    ...extra,
  ];
}
const errors = (r: ReturnType<typeof validateWorkbook>) => r.issues.filter((i) => i.severity === 'error');

describe('part-year partnerships: 2020, with five partners from mid-year (real .xlsx files)', () => {
  it('six months of 200.000 kr. is 100.000 kr.; the months column is read and kept on the rows', async () => {
    const wb = await roundTrip([{ name: 'Budget 2020', rows: budget2020([['Street Society', 'Valby', 116_667, 20, '7 mdr.'], ['DUI København', 'Valby', 116_666, 20, '7 måneder']]) }]);
    const r = validateWorkbook(wb);
    expect(r).toMatchObject({ year: 2020, model: 'model-2012', ok: true });
    expect(errors(r)).toEqual([]);
    expect(r.sheets.budget?.columns).toMatchObject({ months: 'E' });
    expect(r.data.budget.filter((b) => b.months !== undefined).map((b) => [b.association, b.months])).toEqual([
      ...midYear.map((n) => [n, 6]), ['Street Society', 7], ['DUI København', 7],
    ]);
    expect(r.data.budget.find((b) => b.association === 'IF Stadion')).not.toHaveProperty('months');
    expect(r.summary.total.grant).toBe(7 * 200_000 + 5 * 100_000 + 116_667 + 116_666);
  });

  it('a part-year grant that is not pro rata says so, in Danish and in English', async () => {
    const wb = await roundTrip([{ name: 'Budget 2020', rows: budget2020([['Street Society', 'Valby', 200_000, 20, 6]]) }]);
    const [da] = errors(validateWorkbook(wb));
    expect(da).toMatchObject({ code: 'grant-mismatch', cell: 'C15', value: 200_000 });
    expect(da.message).toContain('men et standardpartnerskab får 100.000 kr. for 6 måneder af 12 (200.000 kr. om året');
    expect(da.message).toContain('forholdsmæssigt efter kolonnen Måneder');
    const [en] = errors(validateWorkbook(wb, { lang: 'en' }));
    expect(en.message).toContain('gets DKK 100,000 for 6 months of 12 (DKK 200,000 a year');
  });

  it('a row without months is checked for the full year, as before', async () => {
    const wb = await roundTrip([{ name: 'Budget 2020', rows: budget2020([['Street Society', 'Valby', 100_000, 20, '']]) }]);
    const [e] = errors(validateWorkbook(wb));
    expect(e).toMatchObject({ code: 'grant-mismatch', cell: 'C15' });
    expect(e.message).toMatch(/får 200\.000 kr\. om året i /);
    // 12 months is the whole year.
    const twelve = validateWorkbook(await roundTrip([{ name: 'Budget 2020', rows: budget2020([['Street Society', 'Valby', 200_000, 20, 12]]) }]));
    expect(errors(twelve)).toEqual([]);
    expect(twelve.data.budget.at(-1)).not.toHaveProperty('months');
  });

  it('months that are not whole months of one year are a type-error with a hint', async () => {
    const wb = await roundTrip([{ name: 'Budget 2020', rows: budget2020([['Street Society', 'Valby', 100_000, 20, 13], ['DUI København', 'Valby', 100_000, 20, '6,5'], ['Fremad Amager', 'Valby', 100_000, 20, 'halvt år']]) }]);
    const r = validateWorkbook(wb);
    expect(r.issues.filter((i) => i.code === 'type-error').map((i) => i.cell)).toEqual(['E15', 'E16', 'E17']);
    expect(r.issues.find((i) => i.code === 'type-error')!.message).toContain('Skriv antallet af hele måneder');
  });

  it('model-2025: co-financing minimum pro rata too', async () => {
    const rows: Cell[][] = [
      ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Overenskomst', 'Måneder'],
      ['Siam', 'Nørrebro', 'standard', 125_000, 25_000, 25, 'Ja', 6],
      ['BK Union', 'Nørrebro', 'standard', 125_000, 20_000, 25, 'Ja', 6],
    ];
    const r = validateWorkbook(await roundTrip([{ name: 'Budget 2025', rows }]));
    const low = r.issues.filter((i) => i.code === 'cofinancing-below-minimum');
    expect(low.map((i) => i.cell)).toEqual(['E3']);
    expect(low[0].message).toContain('mindst 25.000 kr. for 6 måneder af 12 (50.000 kr. om året');
    expect(r.issues.filter((i) => i.code === 'grant-mismatch')).toEqual([]);
  });
});

describe('the months and the rounding are configuration', () => {
  it('pro rata to the krone by default; another rounding from the config', () => {
    expect(proRata(200_000, 6)).toBe(100_000);
    expect(proRata(200_000, 7)).toBe(116_667);
    expect(proRata(200_000, undefined)).toBe(200_000);
    expect(isProRata(116_666, 200_000, 7)).toBe(true);
    expect(isProRata(116_665, 200_000, 7)).toBe(false);
    const hundreds: ProgrammeConfig = { ...copenhagen, partYear: { monthsPerYear: 12, roundTo: 100 } };
    expect(proRata(200_000, 7, hundreds)).toBe(116_700);
    expect(isProRata(116_600, 200_000, 7, hundreds)).toBe(true);
  });

  it('a snapshot\'s content names the months only where a row has them: full-year content hashes as before', () => {
    const row = { row: 2, association: 'Siam', district: 'Valby', localArea: null, tier: 'standard' as const, grant: 200_000, cofinancing: null, hours: 20, salary: null, agreementTerms: null, fundingSource: 'varige-midler' as const, consultant: null, since: null, year: null };
    const plain = canonicalSnapshot({ year: 2020, model: 'model-2012', budget: [row], membership: [] });
    expect(plain).not.toContain('months');
    const part = canonicalSnapshot({ year: 2020, model: 'model-2012', budget: [{ ...row, grant: 100_000, months: 6 }], membership: [] });
    expect(part).toContain('"months"');
    expect(part).toContain('6]');
  });
});
