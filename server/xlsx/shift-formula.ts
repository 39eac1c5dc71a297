/**
 * A shared formula is written once, on its first cell; the others say only "as that one, moved". Office.js
 * `Range.formulas` gives each cell its own text, so the relative references are moved here by the cell's
 * offset, as Excel does when it fills a formula down or right. Text in quotes and sheet names stay as they are.
 */
import { columnName, MAX_COLS, MAX_ROWS } from './cell-address';

// A1 cells, whole columns (A:C) and whole rows (3:5), not inside a name (Tax2025a, LOG10( and Table1[ are no references).
const reference =
  /(?<![\w.$'\]])(?:(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\w([!])|(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})(?![\w([!])|(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\w([!]))/g;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function moveColumn(abs: string, letters: string, dc: number): string | null {
  const c = abs ? columnIndex(letters) : columnIndex(letters) + dc;
  return c < 0 || c >= MAX_COLS ? null : abs + columnName(c);
}

function moveRow(abs: string, digits: string, dr: number): string | null {
  const r = abs ? Number(digits) : Number(digits) + dr;
  return r < 1 || r > MAX_ROWS ? null : abs + String(r);
}

function shiftPlain(text: string, dr: number, dc: number): string {
  return text.replace(reference, (m, ca, cl, ra, rd, c1a, c1, c2a, c2, r1a, r1, r2a, r2) => {
    let out: Array<string | null>;
    if (cl !== undefined) {
      if (columnIndex(cl) >= MAX_COLS) return m;
      out = [moveColumn(ca, cl, dc), moveRow(ra, rd, dr)];
      return out.includes(null) ? '#REF!' : out.join('');
    }
    if (c1 !== undefined) {
      out = [moveColumn(c1a, c1, dc), moveColumn(c2a, c2, dc)];
      return out.includes(null) ? '#REF!' : out.join(':');
    }
    out = [moveRow(r1a, r1, dr), moveRow(r2a, r2, dr)];
    return out.includes(null) ? '#REF!' : out.join(':');
  });
}

/** The shared formula `text` of the cell (dr, dc) away from the one it was written on. */
export function shiftFormula(text: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return text;
  // Split off "…" strings and '…' sheet names, which hold no references.
  const parts = text.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/);
  return parts.map((part, i) => (i % 2 === 1 ? part : shiftPlain(part, dr, dc))).join('');
}
