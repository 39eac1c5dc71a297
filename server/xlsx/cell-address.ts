/** A1 addresses in bytes and in text: Excel's columns run A…XFD (16,384), its rows 1…1,048,576. */

export const MAX_COLS = 16_384;
export const MAX_ROWS = 1_048_576;

/** 0 → "A", 27 → "AB". */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B7" for row 6, column 1 (0-based). */
export function cellName(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/**
 * Parses an A1 reference ("$AB$12" too) from bytes; returns row * MAX_COLS + col (0-based), or -1.
 * A reference with only letters or only digits gives its part and -1 for the other, packed the same way:
 * see `refRow` / `refCol`.
 */
export function parseCellRef(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  if (buf[p] === 0x24) p++;
  let col = 0;
  let letters = 0;
  for (; p < end; p++) {
    let b = buf[p];
    if (b >= 0x61 && b <= 0x7a) b -= 0x20;
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
    if (++letters > 3) return -1;
  }
  if (buf[p] === 0x24) p++;
  let row = 0;
  let digits = 0;
  for (; p < end; p++) {
    const d = buf[p] - 0x30;
    if (d < 0 || d > 9) return -1;
    row = row * 10 + d;
    if (++digits > 7) return -1;
  }
  if (letters === 0 || digits === 0 || col > MAX_COLS || row < 1 || row > MAX_ROWS) return -1;
  return (row - 1) * MAX_COLS + (col - 1);
}

const a1 = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})\s*$/;

/** "B7" → 0-based row and column, or null. */
function parseA1(ref: string): { row: number; col: number } | null {
  const m = a1.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return col > MAX_COLS || row < 1 || row > MAX_ROWS ? null : { row: row - 1, col: col - 1 };
}

/** A range "A1:C3" (or one cell) as 0-based corners, or null. */
export function parseRange(ref: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const [a, b = a] = ref.split(':');
  const pa = parseA1(a);
  const pb = parseA1(b);
  if (!pa || !pb) return null;
  return { r0: Math.min(pa.row, pb.row), c0: Math.min(pa.col, pb.col), r1: Math.max(pa.row, pb.row), c1: Math.max(pa.col, pb.col) };
}
