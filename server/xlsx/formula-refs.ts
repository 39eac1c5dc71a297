/**
 * The areas a formula reads, as far as its text says: A1 cells and ranges, whole columns and rows, with or
 * without a sheet in front. Whatever could read other cells in a way the text does not spell out — a defined
 * name, a table reference, INDIRECT or OFFSET, a 3-D reference over several sheets — makes the formula
 * "opaque": a caller that must know whether it depends on a cell then has to assume it does.
 */
import { MAX_COLS, MAX_ROWS } from './cell-address';

export interface Area {
  /** The sheet named in front of the reference; null for the formula's own sheet. */
  sheet: string | null;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface FormulaRefs {
  areas: Area[];
  opaque: boolean;
}

const cellRef = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;
const columnRef = /^\$?([A-Z]{1,3})$/i;
const rowRef = /^\$?(\d{1,7})$/;
// Functions whose result is a reference the text does not name.
const indirect = new Set(['INDIRECT', 'OFFSET']);

function column(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cell(token: string): { r: number; c: number } | null {
  const m = cellRef.exec(token);
  if (!m) return null;
  const c = column(m[1]);
  const r = Number(m[2]) - 1;
  return c < MAX_COLS && r >= 0 && r < MAX_ROWS ? { r, c } : null;
}

const isWordChar = (ch: string) => /[\w.$\\\u00C0-\uFFFF]/.test(ch);

/** The formula's text as stored in `<f>` (no leading =) or as Office.js gives it (with one). */
export function formulaRefs(formula: string): FormulaRefs {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  const areas: Area[] = [];
  let opaque = false;
  let sheet: string | null = null;
  let external = false;
  let i = 0;
  const word = (from: number) => {
    let j = from;
    while (j < text.length && isWordChar(text[j])) j++;
    return text.slice(from, j);
  };
  const push = (a: Omit<Area, 'sheet'>) => {
    if (!external) areas.push({ sheet, ...a });
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) i += text[i] === '"' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) {
        name += text[j];
        j += text[j] === "'" ? 2 : 1;
      }
      i = j + 1;
      if (text[i] === '!') {
        i++;
        external = name.startsWith('[');
        // 'Jan:Mar'!A1 reads every sheet from Jan to Mar.
        if (!external && name.includes(':')) opaque = true;
        sheet = name;
        continue;
      }
      continue;
    }
    if (ch === '[') {
      // [1]Sheet!A1 is another workbook; Table1[Amount] or [@Amount] is a table.
      const m = /^\[\d+\]/.exec(text.slice(i));
      if (m) {
        external = true;
        i += m[0].length;
        continue;
      }
      opaque = true;
      const close = text.indexOf(']', i);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (ch === '#') {
      // An error literal (#REF!, #N/A, #DIV/0!) is no reference.
      const m = /^#[A-Z/0]+[!?]?/i.exec(text.slice(i));
      i += m ? m[0].length : 1;
      continue;
    }
    if (!isWordChar(ch)) {
      i++;
      // An operator ends what a sheet name in front applied to.
      if (ch !== ':') {
        sheet = null;
        external = false;
      }
      continue;
    }
    const token = word(i);
    let j = i + token.length;
    if (text[j] === '!') {
      // After [1] the sheet is another workbook's: `external` stays as it is.
      sheet = token;
      i = j + 1;
      continue;
    }
    if (text[j] === ':' && isWordChar(text[j + 1] ?? '')) {
      const second = word(j + 1);
      const after = j + 1 + second.length;
      if (text[after] === '!') {
        // Jan:Mar!A1, a 3-D reference.
        opaque = true;
        sheet = second;
        i = after + 1;
        continue;
      }
      const a = cell(token);
      const b = cell(second);
      const ca = columnRef.exec(token);
      const cb = columnRef.exec(second);
      const ra = rowRef.exec(token);
      const rb = rowRef.exec(second);
      if (a && b) push({ r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) });
      else if (ca && cb) push({ r1: 0, c1: Math.min(column(ca[1]), column(cb[1])), r2: MAX_ROWS - 1, c2: Math.max(column(ca[1]), column(cb[1])) });
      else if (ra && rb) push({ r1: Math.min(Number(ra[1]), Number(rb[1])) - 1, c1: 0, r2: Math.max(Number(ra[1]), Number(rb[1])) - 1, c2: MAX_COLS - 1 });
      else opaque = true;
      i = after;
      sheet = null;
      external = false;
      continue;
    }
    i = j;
    while (text[j] === ' ') j++;
    if (text[j] === '(') {
      if (indirect.has(token.toUpperCase().replace(/^_XL(FN|WS)\./, ''))) opaque = true;
    } else if (/^\d/.test(token) || /^(TRUE|FALSE)$/i.test(token)) {
      // A number or a logical.
    } else {
      const a = cell(token);
      if (a) push({ r1: a.r, c1: a.c, r2: a.r, c2: a.c });
      // Anything else is a defined name (or a table): what it reads is not in this text.
      else if (!external) opaque = true;
    }
    sheet = null;
    external = false;
  }
  return { areas, opaque };
}
