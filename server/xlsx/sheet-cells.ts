/**
 * The cells of one sheet as the reader collects them: only cells that hold something, in flat typed arrays,
 * with texts as indices into one string table for the whole workbook. A string used by 12,000 cells is held
 * once, and the arrays cross from the worker to the caller without a copy.
 */

export const K_EMPTY = 0;
export const K_DOUBLE = 1;
export const K_STRING = 2;
export const K_BOOLEAN = 3;
export const K_ERROR = 4;
export const K_UNCALCULATED = 5;

/** The Office.js value type of each kind. */
export const kindTypes = ['Empty', 'Double', 'String', 'Boolean', 'Error', 'Uncalculated'] as const;

export interface SheetCells {
  name: string;
  count: number;
  rows: Int32Array;
  cols: Int32Array;
  kinds: Uint8Array;
  /** The number, 0/1 for a boolean, or the string table index of a text or error. */
  nums: Float64Array;
  /** String table index of the cell's number format. */
  formats: Int32Array;
  /** Pairs: cell index, string table index of its formula text ("=…"). */
  formulas: Int32Array;
  formulaCount: number;
  /** 0-based. */
  hiddenRows: number[];
  /** The grid's size: the last row and column that hold something, 1-based counts. */
  height: number;
  width: number;
}

export function emptySheet(name: string): SheetCells {
  const n = 64;
  return {
    name,
    count: 0,
    rows: new Int32Array(n),
    cols: new Int32Array(n),
    kinds: new Uint8Array(n),
    nums: new Float64Array(n),
    formats: new Int32Array(n),
    formulas: new Int32Array(16),
    formulaCount: 0,
    hiddenRows: [],
    height: 0,
    width: 0,
  };
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export function addCell(s: SheetCells, row: number, col: number, kind: number, num: number, format: number): number {
  const i = s.count;
  if (i === s.rows.length) {
    const size = i * 2;
    s.rows = grow(s.rows, size);
    s.cols = grow(s.cols, size);
    s.kinds = grow(s.kinds, size);
    s.nums = grow(s.nums, size);
    s.formats = grow(s.formats, size);
  }
  s.rows[i] = row;
  s.cols[i] = col;
  s.kinds[i] = kind;
  s.nums[i] = num;
  s.formats[i] = format;
  s.count = i + 1;
  return i;
}

export function addFormula(s: SheetCells, cell: number, text: number): void {
  const j = s.formulaCount * 2;
  if (j + 2 > s.formulas.length) s.formulas = grow(s.formulas, s.formulas.length * 2);
  s.formulas[j] = cell;
  s.formulas[j + 1] = text;
  s.formulaCount++;
}

/** The typed arrays trimmed to what they hold, for the answer to the caller. */
export function trimSheet(s: SheetCells): SheetCells {
  const n = s.count;
  return {
    ...s,
    rows: s.rows.slice(0, n),
    cols: s.cols.slice(0, n),
    kinds: s.kinds.slice(0, n),
    nums: s.nums.slice(0, n),
    formats: s.formats.slice(0, n),
    formulas: s.formulas.slice(0, s.formulaCount * 2),
  };
}
