import { describe, expect, it } from 'vitest';
import { isExcelError, parseCount, parseFunding, parseNumber, parseTier, parseYear, parseYesNo } from '../../shared/read/cells';

describe('Danish numbers', () => {
  const cases: Array<[string | number, number]> = [
    ['250.000 kr.', 250_000], ['250.000,00', 250_000], ['250000', 250_000], [250000, 250_000], ['kr. 250.000,-', 250_000],
    ['1.250.000', 1_250_000], ['37,5', 37.5], ['37,5 timer', 37.5], ['DKK 100.000', 100_000], ['1,5 mio. kr.', 1_500_000],
    [' 250 000 ', 250_000], ['250\u00a0000 kr', 250_000], ['-5.000', -5000], ['1,250,000', 1_250_000], ['1,250,000.50', 1_250_000.5], ['12.5', 12.5],
  ];
  for (const [raw, want] of cases) it(`${JSON.stringify(raw)} → ${want}`, () => expect(parseNumber(raw)).toEqual({ ok: true, value: want }));
  it('refuses text that is not a figure, with a hint', () => {
    expect(parseNumber('ca. 250')).toMatchObject({ ok: false, reason: 'type', hint: 'not-a-number' });
    expect(parseNumber('250,000')).toMatchObject({ ok: false, reason: 'type', hint: 'ambiguous-comma' });
    expect(parseNumber('12.34.56')).toMatchObject({ ok: false, reason: 'type' });
    expect(parseNumber(true)).toMatchObject({ ok: false, reason: 'type' });
  });
  it('empty is empty, not zero', () => {
    expect(parseNumber('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseNumber('   ')).toEqual({ ok: false, reason: 'empty' });
  });
  it('counts are whole', () => {
    expect(parseCount('1.234')).toEqual({ ok: true, value: 1234 });
    expect(parseCount('12,5')).toMatchObject({ ok: false, hint: 'not-whole' });
  });
});

describe('words and years', () => {
  it('yes/no', () => {
    for (const y of ['Ja', 'ja ', 'J', 'x', 'X', 'Yes', true, 1, '✓']) expect(parseYesNo(y)).toEqual({ ok: true, value: true });
    for (const n of ['Nej', 'nej', 'N', 'No', false, 0]) expect(parseYesNo(n)).toEqual({ ok: true, value: false });
    expect(parseYesNo('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseYesNo('måske')).toMatchObject({ ok: false, reason: 'type' });
  });
  it('tiers', () => {
    expect(parseTier('Udvidet')).toEqual({ ok: true, value: 'udvidet' });
    expect(parseTier('Standard-partnerskab')).toEqual({ ok: true, value: 'standard' });
    expect(parseTier('Extended')).toEqual({ ok: true, value: 'udvidet' });
    expect(parseTier('guld')).toEqual({ ok: true, value: null });
  });
  it('funding sources', () => {
    expect(parseFunding('Varige midler')).toEqual({ ok: true, value: 'varige-midler' });
    expect(parseFunding('KULTURPULJEN')).toEqual({ ok: true, value: 'kulturpulje' });
    expect(parseFunding('lotto')).toMatchObject({ ok: false, reason: 'type' });
  });
  it('years, including a date cell formatted as a year', () => {
    expect(parseYear(2025)).toEqual({ ok: true, value: 2025 });
    expect(parseYear('2025')).toEqual({ ok: true, value: 2025 });
    expect(parseYear('31.12.2024')).toEqual({ ok: true, value: 2024 });
    expect(parseYear(45657, 'yyyy')).toEqual({ ok: true, value: 2024 }); // 31-12-2024
    expect(parseYear(45657)).toMatchObject({ ok: false });
    expect(parseYear('næste år')).toMatchObject({ ok: false });
  });
  it('Excel errors by text or by valueTypes', () => {
    for (const e of ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!']) expect(isExcelError(e)).toBe(true);
    expect(isExcelError('#1 klub')).toBe(false);
    expect(isExcelError('', 'Error')).toBe(true);
  });
});
