import { describe, expect, it } from 'vitest';
import { EMPTY, Failure, isExcelError, parseCount, parseFunding, parseNumber, parseTier, parseYear, parseYesNo } from '../../shared/read/cells';

describe('Danish numbers', () => {
  const cases: Array<[string | number, number]> = [
    ['250.000 kr.', 250_000], ['250.000,00', 250_000], ['250000', 250_000], [250000, 250_000], ['kr. 250.000,-', 250_000],
    ['1.250.000', 1_250_000], ['37,5', 37.5], ['37,5 timer', 37.5], ['DKK 100.000', 100_000], ['1,5 mio. kr.', 1_500_000],
    [' 250 000 ', 250_000], ['250\u00a0000 kr', 250_000], ['-5.000', -5000], ['1,250,000', 1_250_000], ['1,250,000.50', 1_250_000.5], ['12.5', 12.5],
  ];
  for (const [raw, want] of cases) it(`${JSON.stringify(raw)} → ${want}`, () => expect(parseNumber(raw)).toEqual(want));
  it('refuses text that is not a figure, with a hint', () => {
    expect(parseNumber('ca. 250')).toMatchObject({ reason: 'type', hint: 'not-a-number' });
    expect(parseNumber('250,000')).toMatchObject({ reason: 'type', hint: 'ambiguous-comma' });
    expect(parseNumber('12.34.56')).toMatchObject({ reason: 'type' });
    expect(parseNumber(true)).toMatchObject({ reason: 'type' });
  });
  it('empty is empty, not zero', () => {
    expect(parseNumber('')).toBe(EMPTY);
    expect(parseNumber('   ')).toBe(EMPTY);
  });
  it('counts are whole', () => {
    expect(parseCount('1.234')).toEqual(1234);
    expect(parseCount('12,5')).toMatchObject({ reason: 'type', hint: 'not-whole' });
  });
});

describe('words and years', () => {
  it('yes/no', () => {
    for (const y of ['Ja', 'ja ', 'J', 'x', 'X', 'Yes', true, 1, '✓']) expect(parseYesNo(y)).toEqual(true);
    for (const n of ['Nej', 'nej', 'N', 'No', false, 0]) expect(parseYesNo(n)).toEqual(false);
    expect(parseYesNo('')).toBe(EMPTY);
    expect(parseYesNo('måske')).toMatchObject({ reason: 'type' });
  });
  it('tiers', () => {
    expect(parseTier('Udvidet')).toEqual('udvidet');
    expect(parseTier('Standard-partnerskab')).toEqual('standard');
    expect(parseTier('Extended')).toEqual('udvidet');
    expect(parseTier('guld')).toEqual(null);
  });
  it('funding sources', () => {
    expect(parseFunding('Varige midler')).toEqual('varige-midler');
    expect(parseFunding('KULTURPULJEN')).toEqual('kulturpulje');
    expect(parseFunding('lotto')).toMatchObject({ reason: 'type' });
  });
  it('years, including a date cell formatted as a year', () => {
    expect(parseYear(2025)).toEqual(2025);
    expect(parseYear('2025')).toEqual(2025);
    expect(parseYear('31.12.2024')).toEqual(2024);
    expect(parseYear(45657, 'yyyy')).toEqual(2024); // 31-12-2024
    expect(parseYear(45657)).toBeInstanceOf(Failure);
    expect(parseYear('næste år')).toBeInstanceOf(Failure);
  });
  it('a date cell in the 1904 date system: its serial is 1,462 days short of the 1900 one', () => {
    expect(parseYear(46022, 'dd-mm-yyyy')).toBe(2025); // 31-12-2025 in the 1900 system
    expect(parseYear(46022 - 1462, 'dd-mm-yyyy', true)).toBe(2025); // the same day, as a 1904 workbook holds it
    expect(parseYear(46022 - 1462, 'dd-mm-yyyy')).toBe(2021); // what the 1900 system makes of it
    expect(parseYear(44927 - 1462, 'd/m/yyyy', true)).toBe(2023); // 1-1-2023: the first day stays in its year
    // A year written as a number or as text is no serial: the date system does not touch it.
    expect(parseYear(2025, 'dd-mm-yyyy', true)).toBe(2025);
    expect(parseYear('31.12.2025', undefined, true)).toBe(2025);
  });
  it('Excel errors by text or by valueTypes', () => {
    for (const e of ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!']) expect(isExcelError(e)).toBe(true);
    expect(isExcelError('#1 klub')).toBe(false);
    expect(isExcelError('', 'Error')).toBe(true);
  });
});
