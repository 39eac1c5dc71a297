import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, validateWorkbook, type Report } from '../../shared';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import { recalculateSums } from '../support/excel-sum';
import { roundTrip, type Cell } from './xlsx-roundtrip';

const staffSample = join(import.meta.dirname, '../../samples/budget-staff-style.xlsx');
const byCode = (r: Report, code: string) => r.issues.filter((i) => i.code === code);

describe('the staff-style sample: every safe fix applied, the total adds up', () => {
  it('text amounts and spelling variants carry fixes; the =SUM total is explained; after the fixes and Excel recalculating, no total-mismatch', async () => {
    const input = await readWorkbookFile(staffSample);
    const before = validateWorkbook(input);
    expect(byCode(before, 'total-mismatch').map((i) => i.cell)).toEqual(['D28', 'E28']);
    expect(byCode(before, 'total-mismatch')[0].message).toContain('Sumrækkens Bevilling (kr.) er 2.500.000, men rækkerne ovenover giver 5.850.000. Forskellen på 3.350.000 kommer af beløb skrevet som tekst');
    const textAmounts = byCode(before, 'text-amount');
    expect(textAmounts).toHaveLength(11 + 7);
    expect(textAmounts[0]).toMatchObject({ cell: 'D5', value: '400.000 kr.', fix: { cell: 'D5', value: 400_000, numberFormat: '#,##0 "kr."' } });
    const variants = byCode(before, 'spelling-variant');
    expect(variants.find((i) => i.value === 'Nordvest')?.fix).toEqual({ cell: 'C6', value: 'Bispebjerg' });
    expect(variants.find((i) => i.value === 'nørrebro ')?.fix?.value).toBe('Nørrebro');
    expect(variants.find((i) => i.value === 'Hele byen')?.fix?.value).toBe('Bydækkende');
    expect(variants.find((i) => i.value === 'x')?.fix?.value).toBe('Ja');
    expect(variants.find((i) => i.value === 'Udvidet')?.fix?.value).toBe('udvidet');
    // Every fix is a finding of its own cell.
    for (const i of before.issues.filter((x) => x.fix)) expect(i.fix!.cell).toBe(i.cell);

    const fixed = recalculateSums(applyFixes(input, before.issues));
    const after = validateWorkbook(fixed);
    expect(after.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(after.issues.map((i) => i.code).sort()).toEqual(['total-row', 'total-row', 'unknown-column']);
    expect(after.summary.total).toEqual(before.summary.total);
    expect(fixed.sheets[0].values[27].slice(3, 7)).toEqual([5_850_000, 1_530_000, 598, 7_632_000]);
    expect(fixed.sheets[0].numberFormat![4][3]).toBe('#,##0 "kr."');
    // The input grid is left as it was.
    expect(input.sheets[0].values[4][3]).toBe('400.000 kr.');
  });
});

describe('safe fixes (real .xlsx files)', () => {
  const header: Cell[] = ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Overenskomst'];

  it('a text amount takes the number format the sheet gives amounts; hours written as text get the column\'s', async () => {
    const wb = await roundTrip([{ name: 'Budget 2025', formats: { 4: '#,##0.00 "kr."', 5: '#,##0.00 "kr."', 6: '0.0' }, rows: [
      header,
      ['Siam', 'Nørrebro', 'standard', 250_000, '50.000,00', 25, 'Ja'],
      ['IF Stadion', 'Bispebjerg', 'standard', 'kr. 250.000,-', 60_000, '25,5 timer', 'Ja'],
    ] }]);
    const r = validateWorkbook(wb);
    expect(byCode(r, 'text-amount').map((i) => i.fix)).toEqual([
      { cell: 'E2', value: 50_000, numberFormat: '#,##0.00 "kr."' },
      { cell: 'D3', value: 250_000, numberFormat: '#,##0.00 "kr."' },
      { cell: 'F3', value: 25.5, numberFormat: '0.0' },
    ]);
    expect(byCode(r, 'text-amount')[1].message).toBe('D3: Beløbet "kr. 250.000,-" (Tilskud) er skrevet som tekst. Det læses som 250.000 kr., men Excels formler (fx SUM) springer det over. Skriv det som tal (formatet viser "kr.").');
    expect(byCode(validateWorkbook(wb, { lang: 'en' }), 'text-amount')[2].message).toBe('F3: The figure "25,5 timer" (Timer pr. uge) is written as text. It is read as 25.5, but Excel\'s formulas (e.g. SUM) skip it. Enter it as a number.');
  });

  it('an amount that cannot be read is a type-error with no fix; a number is no finding', async () => {
    const r = validateWorkbook(await roundTrip([{ name: 'Budget 2025', rows: [header, ['Siam', 'Nørrebro', 'standard', 'ca. 250.000', 50_000, 25, 'Ja']] }]));
    expect(byCode(r, 'type-error')[0]).toMatchObject({ cell: 'D2' });
    expect(r.issues.filter((i) => i.fix)).toEqual([]);
  });

  it('spelling variants: alias, spaces, yes/no, tier case, association spaces — and never an unknown district', async () => {
    const wb = await roundTrip([{ name: 'Budget 2025', rows: [
      header,
      ['  Siam ', ' Nørrebro', 'STANDARD', 250_000, 50_000, 25, 'ja'],
      ['IF  Stadion', 'Nordvest', 'Udvidet', 400_000, 100_000, 37, 'x'],
      ['Lundehus', 'Noerrebro', 'standard', 250_000, 50_000, 25, 'NEJ'],
      ['BK Union', 'Nørebro', 'standard', 250_000, 50_000, 25, 'Ja'],
    ] }]);
    const r = validateWorkbook(wb);
    expect(byCode(r, 'spelling-variant').map((i) => [i.fix!.cell, i.value, i.fix!.value])).toEqual([
      ['A2', '  Siam ', 'Siam'], ['B2', ' Nørrebro', 'Nørrebro'], ['C2', 'STANDARD', 'standard'], ['G2', 'ja', 'Ja'],
      ['A3', 'IF  Stadion', 'IF Stadion'], ['B3', 'Nordvest', 'Bispebjerg'], ['C3', 'Udvidet', 'udvidet'], ['G3', 'x', 'Ja'],
      ['B4', 'Noerrebro', 'Nørrebro'], ['G4', 'NEJ', 'Nej'],
    ]);
    const unknown = byCode(r, 'unknown-district');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ cell: 'B5' });
    expect(unknown[0].fix).toBeUndefined();
    expect(unknown[0].message).toContain('Mente du "Nørrebro"?');
    expect(byCode(r, 'spelling-variant').find((i) => i.cell === 'B3')!.message).toBe('B3: "Nordvest" læses som bydelen Bispebjerg. Skriv bydelens navn, "Bispebjerg", så arket siger det samme som rapporten.');
    const en = byCode(validateWorkbook(wb, { lang: 'en' }), 'spelling-variant');
    expect(en.find((i) => i.cell === 'G3')!.message).toBe('G3: "x" is read as "Ja" (yes/no). Write "Ja" or "Nej".');

    const again = validateWorkbook(applyFixes(wb, r.issues));
    expect(byCode(again, 'spelling-variant')).toEqual([]);
    // The same rows, read as before; only the association's inner double space is gone.
    expect(again.data.budget).toEqual(r.data.budget.map((b) => ({ ...b, association: b.association.replace(/\s+/g, ' ') })));
  });

  it('a sheet with personal data carries no fixes (a fix echoes a cell)', async () => {
    const r = validateWorkbook(await roundTrip([{ name: 'Budget 2025', rows: [
      header, [' 010203-1234 ', 'Nordvest', 'standard', '250.000 kr.', 50_000, 25, 'Ja'],
    ] }]));
    expect(byCode(r, 'personal-data').length).toBeGreaterThan(0);
    expect(r.issues.filter((i) => i.fix)).toEqual([]);
    expect(JSON.stringify(r)).not.toContain('010203');
  });
});
