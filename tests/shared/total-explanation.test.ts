import { describe, expect, it } from 'vitest';
import { validateWorkbook, type Report } from '../../shared';
import { parseAggregate } from '../../shared/rules/total-explanation';
import { roundTrip, sumOf, type Cell } from './xlsx-roundtrip';

const header: Cell[] = ['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'];
const names = ['IF Stadion', 'BK Union', 'Siam', 'Lundehus', 'B1908', 'Amager SK'];
/** A 2019 budget (one tier, 200.000 kr.): header in row 1, six associations in rows 2–7, the total in row 8. */
function budget(grant: (i: number) => Cell = () => 200_000): Cell[][] {
  return [header, ...names.map((n, i) => [n, 'Valby', grant(i), 20])];
}
const mismatches = (r: Report) => r.issues.filter((i) => i.code === 'total-mismatch');

describe('total-mismatch says why, where the sheet shows it (real .xlsx files)', () => {
  it('amounts written as text, which SUM skips: the difference, the cells, in Danish and in English', async () => {
    const rows = budget((i) => (i % 2 === 0 ? '200.000 kr.' : 200_000));
    rows.push(['I alt', '', sumOf(rows, 3, 2, 7, 'C'), sumOf(rows, 4, 2, 7, 'D')]);
    const wb = await roundTrip([{ name: 'Budget 2019', rows }]);
    const [da] = mismatches(validateWorkbook(wb));
    expect(da).toMatchObject({ cell: 'C8', severity: 'error' });
    expect(da.message).toBe('C8: Sumrækkens Tilskud er 600.000, men rækkerne ovenover giver 1.200.000. Forskellen på 600.000 kommer af beløb skrevet som tekst, som Excels SUM springer over (C2, C4, C6: 600.000). Skriv dem som tal (hver har en sikker rettelse), så regner Excel dem med.');
    const [en] = mismatches(validateWorkbook(wb, { lang: 'en' }));
    expect(en.message).toContain("The difference of 600,000 comes from amounts written as text, which Excel's SUM skips (C2, C4, C6: 600,000).");
  });

  it('rows outside the SUM range, listed as a range', async () => {
    const rows = budget();
    rows.push(['I alt', '', sumOf(rows, 3, 2, 5, 'C'), 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows }])));
    expect(m.message).toContain('rækker uden for formlens område, =SUM(C2:C5) (C6:C7: 400.000)');
    expect(m.message).toContain('Ret formlens område');
  });

  it('a range that takes in a cell that is not an association row above it', async () => {
    const rows: Cell[][] = [['Budget 2019 — 150.000'], ['', '', 150_000], header, ...budget().slice(1)];
    rows.push(['I alt', '', sumOf(rows, 3, 1, 9, 'C'), 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows }])));
    expect(m.message).toContain('Forskellen på 150.000 kommer af celler i formlens område, =SUM(C1:C9), som ikke er foreningsrækker ovenover (C2: 150.000)');
  });

  it('text amounts and rows outside the range together', async () => {
    const rows = budget((i) => (i === 0 ? '200.000' : 200_000));
    rows.push(['I alt', '', sumOf(rows, 3, 2, 6, 'C'), 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows }]), { lang: 'en' }));
    expect(m.message).toContain("The difference of 400,000 comes from amounts written as text, which Excel's SUM skips (C2: 200,000); rows outside the formula's range, =SUM(C2:C6) (C7: 200,000).");
  });

  it('a typed total that leaves out the hidden rows', async () => {
    const rows = budget();
    rows.push(['I alt', '', 800_000, 120]);
    const wb = await roundTrip([{ name: 'Budget 2019', rows, hidden: [3, 5] }]);
    expect(wb.sheets[0].hiddenRows).toEqual([2, 4]);
    const [m] = mismatches(validateWorkbook(wb));
    expect(m.message).toContain('skjulte rækker, som summen ikke har talt med (C3, C5: 400.000)');
    expect(m.message).toContain('Tjek de skjulte rækker');
  });

  it('SUBTOTAL(109) skips the hidden rows', async () => {
    const rows = budget();
    rows.push(['I alt', '', { formula: 'SUBTOTAL(109,C2:C7)', result: 1_000_000 }, 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows, hidden: [4] }]), { lang: 'en' }));
    expect(m.message).toContain('hidden rows, which =SUBTOTAL(109,C2:C7) skips (C4: 200,000)');
  });

  it('a difference the sheet does not explain keeps the plain advice', async () => {
    const rows = budget((i) => (i === 0 ? '200.000' : 200_000));
    rows.push(['I alt', '', 1_000_001, 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows }])));
    expect(m.message).toBe('C8: Sumrækkens Tilskud er 1.000.001, men rækkerne ovenover giver 1.200.000. Ret summen eller tallene ovenover.');
  });

  it('a SUM whose stored result is not what it gives (not recalculated) is not taken as the reason', async () => {
    const rows = budget((i) => (i === 0 ? '200.000' : 200_000));
    rows.push(['I alt', '', { formula: 'SUM(C2:C7)', result: 999_000 }, 120]);
    const [m] = mismatches(validateWorkbook(await roundTrip([{ name: 'Budget 2019', rows }])));
    expect(m.message).toMatch(/Ret summen eller tallene ovenover\.$/);
  });
});

describe('reading a total formula', () => {
  it('SUM of ranges and cells, SUBTOTAL 9 and 109; anything else is not read', () => {
    expect(parseAggregate('=SUM($D$5:D25, D27)')).toMatchObject({ ranges: [{ r1: 4, c1: 3, r2: 24, c2: 3 }, { r1: 26, c1: 3, r2: 26, c2: 3 }], skipsHidden: false });
    expect(parseAggregate('=SUBTOTAL(109;D5:D25)')).toMatchObject({ skipsHidden: true });
    expect(parseAggregate('=SUBTOTAL(9,D5:D25)')).toMatchObject({ skipsHidden: false });
    for (const f of ['=SUBTOTAL(1,D5:D9)', '=SUM(Ark2!D5:D9)', '=SUM(D5:D9)*2', '=D5+D6', 'SUM(D5:D9)', 5, '']) expect(parseAggregate(f), String(f)).toBeNull();
  });
});
