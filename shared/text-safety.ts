/**
 * The one rule for text wherever it enters the product (cells, sheet and workbook names, token names, path
 * parameters): what Excel itself could not hold or what breaks the stores and formats downstream. PostgreSQL
 * refuses U+0000 in json/text, an unpaired surrogate is not UTF-8, and U+FFFE/U+FFFF and the other
 * non-characters are not allowed in XML, so the .xlsx export would not be well-formed.
 * Tab, line feed and carriage return are allowed: Excel writes line breaks in cells as CR LF or LF.
 */
import type { Lang } from './schemas';

/** Excel's own limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;

export type TextProblem =
  | { kind: 'control'; codePoint: number; index: number }
  | { kind: 'surrogate'; codePoint: number; index: number }
  | { kind: 'noncharacter'; codePoint: number; index: number }
  | { kind: 'too-long'; length: number; max: number };

/** The first thing wrong with a text, or null when it may be read, stored and written anywhere. */
export function textProblem(s: string, max: number = MAX_CELL_CHARS): TextProblem | null {
  if (s.length > max) return { kind: 'too-long', length: s.length, max };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Most characters of Danish text are printable and below U+D800: one comparison each.
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return { kind: 'control', codePoint: c, index: i };
    }
    if (c >= 0x7f && c <= 0x9f) return { kind: 'control', codePoint: c, index: i };
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return { kind: 'surrogate', codePoint: c, index: i };
      const cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
      // U+1FFFE, U+1FFFF, … U+10FFFF: the last two code points of every plane.
      if ((cp & 0xfffe) === 0xfffe) return { kind: 'noncharacter', codePoint: cp, index: i };
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { kind: 'surrogate', codePoint: c, index: i };
    if ((c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff) return { kind: 'noncharacter', codePoint: c, index: i };
  }
  return null;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong and how to fix it, in the user's language, without echoing the text itself (it may be
 * megabytes, or hold what should not be repeated). `where` names the cell or field ("Budget!B7", "the sheet name").
 */
export function describeTextProblem(p: TextProblem, where: string, lang: Lang): string {
  if (lang === 'da') {
    switch (p.kind) {
      case 'too-long':
        return `${where} har ${p.length.toLocaleString('da-DK')} tegn; Excel tillader højst ${p.max.toLocaleString('da-DK')} i en celle. Forkort teksten.`;
      case 'control':
        return `${where} indeholder et usynligt styretegn (${hex(p.codePoint)}) ved tegn ${p.index + 1}. Skriv teksten igen uden det, fx ved at kopiere den via Notesblok.`;
      case 'surrogate':
        return `${where} indeholder et ødelagt tegn (${hex(p.codePoint)}) ved tegn ${p.index + 1}. Skriv teksten igen.`;
      case 'noncharacter':
        return `${where} indeholder tegnet ${hex(p.codePoint)} ved tegn ${p.index + 1}, som ikke er et gyldigt tegn. Slet det.`;
    }
  }
  switch (p.kind) {
    case 'too-long':
      return `${where} has ${p.length.toLocaleString('en-GB')} characters; Excel allows at most ${p.max.toLocaleString('en-GB')} in a cell. Shorten the text.`;
    case 'control':
      return `${where} holds an invisible control character (${hex(p.codePoint)}) at character ${p.index + 1}. Type the text again without it.`;
    case 'surrogate':
      return `${where} holds a broken character (${hex(p.codePoint)}) at character ${p.index + 1}. Type the text again.`;
    case 'noncharacter':
      return `${where} holds ${hex(p.codePoint)} at character ${p.index + 1}, which is not a valid character. Delete it.`;
  }
}
