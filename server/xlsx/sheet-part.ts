/**
 * One worksheet part: the cells in `<sheetData>`, the merged areas, the hidden rows. Everything else in the part
 * (data validations, conditional formats, hyperlinks, drawings, extensions) is passed over, never expanded: a
 * validation over A1:XFD1048576 costs the bytes it is written in and nothing more. Limits are counted as the
 * cells arrive, so a sheet that spans too much stops at the cell that makes it so.
 */
import { textProblem, type TextProblem } from '../../shared/text-safety';
import { cellName, MAX_COLS, parseCellRef, parseRange } from './cell-address';
import { ReadProblemError } from './read-problem';
import { addCell, addFormula, emptySheet, K_BOOLEAN, K_DOUBLE, K_EMPTY, K_ERROR, K_STRING, K_UNCALCULATED, type SheetCells } from './sheet-cells';
import { shiftFormula } from './shift-formula';
import { readStringItem, unescapeXstring } from './string-item';
import { attr, attrTrue, CLOSE, decodeText, EMPTY, EOF, findAttr, isMain, nextTag, OPEN, openXml, readText, skipElement, type XmlCursor } from './xml-scan';

export interface StringTable {
  list: string[];
  interned: Map<string, number>;
}

export function intern(t: StringTable, s: string): number {
  let i = t.interned.get(s);
  if (i === undefined) {
    i = t.list.push(s) - 1;
    t.interned.set(s, i);
  }
  return i;
}

export interface SheetLimits {
  /** Cells of the grids of the whole workbook (height × width, summed over the sheets), at most. */
  maxCells: number;
  /** Characters of formula text kept for the whole workbook; past it, formulas are read without their text. */
  maxFormulaChars: number;
}

export interface SheetContext {
  strings: StringTable;
  /** Shared strings: string table indices 0 … sharedCount - 1. */
  sharedCount: number;
  /**
   * What is wrong with each shared string that breaks the one rule for text (shared/text-safety.ts), by index:
   * found once per string, said at the first cell that uses it.
   */
  sharedProblems: Map<number, TextProblem>;
  /** String table index of the number format of each cell style. */
  styleFormats: number[];
  general: number;
  date1904: boolean;
  limits: SheetLimits;
  /** Grid cells taken by the sheets read before. */
  cellsUsed: number;
  formulaChars: number;
}

// Excel's own limit for the text of a formula.
const MAX_FORMULA_CHARS = 8192;
const msPerDay = 86_400_000;

/** An ISO 8601 date-time (a cell of type "d") as a serial of the workbook's date system; a time alone is a fraction of a day. */
function isoToSerial(text: string, date1904: boolean): number | null {
  const t = /^\s*(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*$/.exec(text);
  if (t) return (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86_400;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) + Number(m[6] ?? 0) * 1000;
  if (Number.isNaN(ms)) return null;
  let serial = 25569 + ms / msPerDay;
  // Excel counts a 29 February 1900 that never was: dates before March 1900 are one lower.
  if (serial < 61) serial -= 1;
  return date1904 ? serial - 1462 : serial;
}


/** A number from `<v>` bytes: the integers most cells hold without making a string, the rest with Number(). */
function parseNumber(buf: Buffer, start: number, end: number): number {
  let n = 0;
  let p = start;
  const neg = buf[p] === 0x2d;
  if (neg) p++;
  if (end - p > 0 && end - p <= 15) {
    for (; p < end; p++) {
      const d = buf[p] - 0x30;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (p === end) return neg ? -n : n;
  }
  const s = buf.toString('latin1', start, end).trim();
  return s === '' ? Number.NaN : Number(s);
}

/** The text of a cell's `<v>`: read with readText where it held markup, else decoded from its bytes. */
function cellText(buf: Buffer, text: string | null, start: number, end: number): string {
  return text ?? decodeText(buf, start, end);
}

export interface SharedFormula {
  text: string;
  row: number;
  col: number;
}

/**
 * The text of the `<f>` just read (tag kind `k`) in the cell (r, col): its own, or its shared formula's moved
 * here; null for a shared one whose first cell was not seen. A shared formula's first cell is remembered.
 */
export function readFormula(c: XmlCursor, k: number, r: number, col: number, shared: Map<string, SharedFormula>): string | null {
  const ft = attr(c, 't');
  const si = attr(c, 'si');
  const text = k === OPEN ? readText(c) : '';
  if (text !== '') {
    if (ft === 'shared' && si !== null) shared.set(si, { text, row: r, col });
    return text;
  }
  const master = ft === 'shared' && si !== null ? shared.get(si) : undefined;
  return master ? shiftFormula(master.text, r - master.row, col - master.col) : null;
}

/**
 * Where the `<c>` just read stands, as row * MAX_COLS + col (0-based): its `r`, else the column after the cell
 * before it in the row, as Excel and every reader place a cell written without one.
 */
export function cellPosition(c: XmlCursor, row: number, nextCol: number): number {
  const rAt = findAttr(c, 'r');
  if (rAt >= 0) {
    const ref = parseCellRef(c.buf, c.attrs[rAt * 5 + 3], c.attrs[rAt * 5 + 4]);
    if (ref >= 0) return ref;
  }
  return Math.max(0, row) * MAX_COLS + nextCol;
}

/** The 0-based index of the `<row>` just read: its `r`, else the one after the row before. */
export function rowPosition(c: XmlCursor, row: number): number {
  const rAt = findAttr(c, 'r');
  if (rAt >= 0) {
    let n = 0;
    for (let p = c.attrs[rAt * 5 + 3]; p < c.attrs[rAt * 5 + 4]; p++) n = n * 10 + (c.buf[p] - 0x30);
    if (n >= 1 && n <= 1_048_576) return n - 1;
  }
  return row + 1;
}

/** What walkSheet hands on, in the order the part holds it. */
export interface SheetWalk {
  /** A `<c>` in `<sheetData>`, the cursor on its start tag, placed as cellPosition places it (0-based). */
  cell(c: XmlCursor, selfClosing: boolean, row: number, col: number): void;
  /** A `<row>` in `<sheetData>`, placed as rowPosition places it. */
  row?(c: XmlCursor, row: number): void;
  /** Any other tag outside `<sheetData>` but its own end tag; it may skip the element. */
  outside(c: XmlCursor, kind: number): void;
}

/**
 * The one walk over a worksheet part that the reader and `validate --fix` (patch-cells.ts) share, so both put
 * every cell where the other does: a `<c>` or `<row>` without `r` follows the one before it. Elements other
 * than rows and cells inside `<sheetData>` are skipped.
 */
export function walkSheet(cur: XmlCursor, on: SheetWalk): void {
  let row = -1;
  let nextCol = 0;
  let inSheetData = -1;
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k === CLOSE) {
      if (cur.depth === inSheetData) inSheetData = -1;
      continue;
    }
    if (inSheetData >= 0) {
      if (isMain(cur, 'c')) {
        const pos = cellPosition(cur, row, nextCol);
        const col = pos % MAX_COLS;
        nextCol = col + 1;
        on.cell(cur, k === EMPTY, Math.floor(pos / MAX_COLS), col);
      } else if (isMain(cur, 'row')) {
        row = rowPosition(cur, row);
        nextCol = 0;
        on.row?.(cur, row);
      } else if (k === OPEN) skipElement(cur);
    } else if (isMain(cur, 'sheetData')) {
      if (k === OPEN) inSheetData = cur.depth - 1;
    } else {
      on.outside(cur, k);
    }
  }
}

export function parseSheetPart(bytes: Buffer, name: string, ctx: SheetContext): SheetCells {
  const cur = openXml(bytes);
  const buf = cur.buf;
  const sheet = emptySheet(name);
  const strings = ctx.strings;
  const list = strings.list;
  const shared = new Map<string, SharedFormula>();
  const merges: Array<{ r0: number; c0: number; r1: number; c1: number }> = [];
  let height = 0;
  let width = 0;

  /** A text that breaks the one rule for text stops the read at its cell, which the refusal names. */
  const refuseText = (problem: TextProblem, r: number, c: number): never => {
    throw new ReadProblemError(problem.kind === 'too-long'
      ? { kind: 'text-too-long', sheet: name, cell: cellName(r, c), length: problem.length, max: problem.max }
      : { kind: 'cell-text', sheet: name, cell: cellName(r, c), problem });
  };
  const stringCell = (s: string, r: number, c: number): number => {
    const problem = textProblem(s);
    if (problem) refuseText(problem, r, c);
    return list.push(s) - 1;
  };

  const readCell = (c: XmlCursor, selfClosing: boolean, r: number, col: number) => {
    if (selfClosing) return;
    const type = attr(c, 't');
    const styleAt = findAttr(c, 's');
    let style = -1;
    if (styleAt >= 0) {
      const s = c.attrs[styleAt * 5 + 3];
      const e = c.attrs[styleAt * 5 + 4];
      let n = 0;
      for (let p = s; p < e; p++) n = n * 10 + (buf[p] - 0x30);
      style = n;
    }
    let vStart = -1;
    let vEnd = -1;
    let vText: string | null = null;
    let hasFormula = false;
    let formula: string | null = null;
    let inline: string | null = null;
    const depth = c.depth;
    for (;;) {
      const k = nextTag(c);
      if (k === EOF) throw new ReadProblemError({ kind: 'damaged-part', part: 'sheet', sheet: name });
      if (k === CLOSE) {
        if (c.depth === depth - 1) break;
        continue;
      }
      if (isMain(c, 'v')) {
        if (k === EMPTY) {
          vStart = vEnd = 0;
          continue;
        }
        const lt = buf.indexOf(0x3c, c.pos);
        if (lt >= 0 && buf[lt + 1] === 0x2f) {
          vStart = c.pos;
          vEnd = lt;
          c.pos = lt;
          nextTag(c);
        } else {
          vText = readText(c);
          vStart = vEnd = 0;
        }
      } else if (isMain(c, 'f')) {
        hasFormula = true;
        formula = readFormula(c, k, r, col, shared);
      } else if (isMain(c, 'is')) {
        if (k === OPEN) inline = readStringItem(c);
      } else if (k === OPEN) {
        skipElement(c);
      }
    }

    const hasValue = vText !== null ? vText !== '' : vEnd > vStart;
    let kind = K_EMPTY;
    let num = 0;
    if (type === 'inlineStr' || inline !== null) {
      const s = inline ?? (hasValue ? cellText(buf, vText, vStart, vEnd) : '');
      if (s !== '') {
        kind = K_STRING;
        num = stringCell(s, r, col);
      }
    } else if (type === 'str' && (vStart >= 0 || vText !== null)) {
      kind = K_STRING;
      num = stringCell(unescapeXstring(cellText(buf, vText, vStart, vEnd)), r, col);
    } else if (!hasValue) {
      // A formula saved without its result: openpyxl and other scripts write them so.
      if (hasFormula) kind = K_UNCALCULATED;
    } else if (type === 's') {
      const idx = vText !== null ? Number(vText) : parseNumber(buf, vStart, vEnd);
      if (Number.isInteger(idx) && idx >= 0 && idx < ctx.sharedCount && list[idx] !== '') {
        const problem = ctx.sharedProblems.get(idx);
        if (problem) refuseText(problem, r, col);
        kind = K_STRING;
        num = idx;
      }
    } else if (type === 'b') {
      const v = cellText(buf, vText, vStart, vEnd).trim();
      kind = K_BOOLEAN;
      num = v === '1' || v.toLowerCase() === 'true' ? 1 : 0;
    } else if (type === 'e') {
      kind = K_ERROR;
      num = intern(strings, cellText(buf, vText, vStart, vEnd).trim());
    } else if (type === 'd') {
      const serial = isoToSerial(cellText(buf, vText, vStart, vEnd), ctx.date1904);
      if (serial !== null) {
        kind = K_DOUBLE;
        num = serial;
      } else {
        kind = K_STRING;
        num = stringCell(cellText(buf, vText, vStart, vEnd), r, col);
      }
    } else {
      const n = vText !== null ? (vText.trim() === '' ? Number.NaN : Number(vText)) : parseNumber(buf, vStart, vEnd);
      if (Number.isFinite(n)) {
        kind = K_DOUBLE;
        num = n;
      } else if (Number.isNaN(n)) {
        kind = K_STRING;
        num = stringCell(cellText(buf, vText, vStart, vEnd), r, col);
      } else {
        kind = K_ERROR;
        num = intern(strings, '#NUM!');
      }
    }
    if (kind === K_EMPTY) return;
    if (r >= height || col >= width) {
      const h = Math.max(height, r + 1);
      const w = Math.max(width, col + 1);
      if (ctx.cellsUsed + h * w > ctx.limits.maxCells) {
        throw new ReadProblemError({ kind: 'too-many-cells', sheet: name, rows: h, cols: w, limit: ctx.limits.maxCells });
      }
      height = h;
      width = w;
    }
    const format = style >= 0 && style < ctx.styleFormats.length ? ctx.styleFormats[style] : ctx.general;
    const at = addCell(sheet, r, col, kind, num, format);
    if (formula !== null && formula.length < MAX_FORMULA_CHARS && ctx.formulaChars + formula.length <= ctx.limits.maxFormulaChars) {
      ctx.formulaChars += formula.length + 1;
      addFormula(sheet, at, list.push(`=${formula.replace(/_xl(?:fn|ws)\./g, '')}`) - 1);
    }
  };

  walkSheet(cur, {
    cell: readCell,
    row: (c, r) => {
      if (attrTrue(c, 'hidden')) sheet.hiddenRows.push(r);
    },
    outside: (c, k) => {
      if (isMain(c, 'mergeCell')) {
        const range = parseRange(attr(c, 'ref') ?? '');
        if (range) merges.push(range);
      } else if (k === OPEN && (isMain(c, 'dataValidations') || isMain(c, 'conditionalFormatting') || isMain(c, 'extLst'))) {
        skipElement(c);
      }
    },
  });
  return finishSheet(sheet, merges, height, width, ctx);
}

/**
 * Merged areas keep their value in the top-left cell, "" elsewhere, as Range.values gives them; a cell a merge
 * hides still counts for the grid's size, as it does for Excel's used range. Overlapping merges (a damaged
 * file) cannot make this loop long: the work is bounded by twice the cells of the grid.
 */
function finishSheet(sheet: SheetCells, merges: Array<{ r0: number; c0: number; r1: number; c1: number }>, height: number, width: number, ctx: SheetContext): SheetCells {
  if (merges.length > 0 && sheet.count > 0) {
    const covered = new Uint8Array(height * width);
    let budget = 2 * height * width + merges.length;
    for (const m of merges) {
      const r1 = Math.min(m.r1, height - 1);
      const c1 = Math.min(m.c1, width - 1);
      if (m.r0 > r1 || m.c0 > c1) continue;
      budget -= (r1 - m.r0 + 1) * (c1 - m.c0 + 1) + 1;
      if (budget < 0) break;
      for (let r = m.r0; r <= r1; r++) covered.fill(1, r * width + m.c0, r * width + c1 + 1);
      covered[m.r0 * width + m.c0] = 0;
    }
    for (let i = 0; i < sheet.count; i++) {
      if (covered[sheet.rows[i] * width + sheet.cols[i]]) sheet.kinds[i] = K_EMPTY;
    }
  }
  sheet.height = height;
  sheet.width = width;
  sheet.hiddenRows = [...new Set(sheet.hiddenRows.filter((r) => r < height))].sort((a, b) => a - b);
  ctx.cellsUsed += height * width;
  return sheet;
}
