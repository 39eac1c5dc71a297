import { describe, expect, it } from 'vitest';
import { describeTextProblem, MAX_CELL_CHARS, textProblem } from '../../shared/text-safety';

describe('textProblem', () => {
  it('lets Danish text, tabs and line breaks through', () => {
    expect(textProblem('Brønshøj Boldklub – Ærø\tÅ\r\nlinje 2 😀')).toBeNull();
    expect(textProblem('x'.repeat(MAX_CELL_CHARS))).toBeNull();
  });
  it.each([
    ['a\u0000b', 'control', 0x0, 1],
    ['\u001b[31m', 'control', 0x1b, 0],
    ['ok\u0085', 'control', 0x85, 2],
    ['a\ud800', 'surrogate', 0xd800, 1],
    ['\udc00a', 'surrogate', 0xdc00, 0],
    ['a\ufffeb', 'noncharacter', 0xfffe, 1],
    ['\uffff', 'noncharacter', 0xffff, 0],
    ['\ufdd0', 'noncharacter', 0xfdd0, 0],
    ['a\ud83f\udffe', 'noncharacter', 0x1fffe, 1],
  ])('finds %j', (text, kind, codePoint, index) => {
    expect(textProblem(text)).toEqual({ kind, codePoint, index });
  });
  it('refuses a text longer than Excel allows in a cell, or than the limit given', () => {
    expect(textProblem('x'.repeat(MAX_CELL_CHARS + 1))).toEqual({ kind: 'too-long', length: MAX_CELL_CHARS + 1, max: MAX_CELL_CHARS });
    expect(textProblem('abcd', 3)).toEqual({ kind: 'too-long', length: 4, max: 3 });
  });
  it('says what and where in Danish and English without echoing the text', () => {
    const p = textProblem('Siam\u0000IF')!;
    expect(describeTextProblem(p, 'Budget!A5', 'da')).toBe('Budget!A5 indeholder et usynligt styretegn (U+0000) ved tegn 5. Skriv teksten igen uden det, fx ved at kopiere den via Notesblok.');
    expect(describeTextProblem(p, 'Budget!A5', 'en')).toContain('control character (U+0000) at character 5');
    expect(describeTextProblem(textProblem('x'.repeat(40_000))!, 'Budget!A5', 'da')).toContain('40.000 tegn');
  });
});
