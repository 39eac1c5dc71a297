import { describe, expect, it } from 'vitest';
import { shiftFormula } from '../../../server/xlsx/shift-formula';

describe('shiftFormula: a shared formula as Excel fills it down and right', () => {
  it('moves relative references, keeps absolute parts', () => {
    expect(shiftFormula('A1*2+$A$1+A$1+$A1', 2, 1)).toBe('B3*2+$A$1+B$1+$A3');
    expect(shiftFormula('SUM(D5:D25)', 1, 0)).toBe('SUM(D6:D26)');
    expect(shiftFormula('SUM(B:B)+SUM(3:4)', 1, 1)).toBe('SUM(C:C)+SUM(4:5)');
  });

  it('leaves text in quotes, quoted sheet names, function names and table names as they are', () => {
    expect(shiftFormula('IF(A1="B2";LOG10(C3);\'Budget A1\'!D4)', 1, 0)).toBe('IF(A2="B2";LOG10(C4);\'Budget A1\'!D5)');
    expect(shiftFormula('Medlemstal!B2+Tabel1[Tilskud]', 0, 1)).toBe('Medlemstal!C2+Tabel1[Tilskud]');
  });

  it('a reference moved off the sheet becomes #REF!, as in Excel', () => {
    expect(shiftFormula('A1+B2', -1, 0)).toBe('#REF!+B1');
    expect(shiftFormula('XFD1', 0, 1)).toBe('#REF!');
  });
});
