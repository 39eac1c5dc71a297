import type { CellValue, Issue, SheetGrid } from '../schemas';
import { normaliseLabel } from '../read/text';
import { forEveryCell } from './every-cell';
import { addIssue, type IssueSink } from './issue';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** DDMMYY with a real day and month: the first six digits of a CPR number. */
function validCprDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

/** DDMMYY-XXXX, DDMMYY XXXX or ten digits in a row, not inside a longer run of digits. */
const CPR_IN_TEXT = /(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)/g;
/** Nine digits in a row: a CPR number whose leading zero was lost (a day 01–09 read as a number). */
const CPR_WITHOUT_ZERO = /(?<!\d)\d{9}(?!\d)/g;

/** Nine digits that are a CPR number with its leading zero dropped: 0 + the digits has a valid date. */
function validWithoutZero(nine: string): boolean {
  return validCprDate(`0${nine}`);
}

/**
 * The one rule for text, wherever it is (a cell, a sheet name, a file name, a token name, any field the
 * service stores or returns): it holds what looks like a CPR number, written DDMMYY-XXXX, as ten digits
 * with a valid date, or as nine digits where the leading zero was lost. Pure; no memory between calls.
 */
export function textHasPersonalData(s: string): boolean {
  // Cheap pre-check: a CPR number needs nine digits.
  let digits = 0;
  const n = s.length;
  for (let i = 0; i < n && digits < 9; i++) {
    if (digits + (n - i) < 9) return false;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 9) return false;
  for (const m of s.matchAll(CPR_IN_TEXT)) if (validCprDate(m[1])) return true;
  for (const m of s.matchAll(CPR_WITHOUT_ZERO)) if (validWithoutZero(m[0])) return true;
  return false;
}

/**
 * A cell that looks like a CPR number: text by textHasPersonalData; a number as ten digits with a valid date,
 * or — in a column the product reads (`readColumn`), where a figure of nine digits has no business — as
 * nine digits with its leading zero lost.
 */
export function looksLikeCpr(value: CellValue, readColumn = true): boolean {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return false;
    if (value >= 1_000_000_000 && value <= 9_999_999_999) return validCprDate(String(value));
    return readColumn && value >= 100_000_000 && value <= 999_999_999 && validWithoutZero(String(value));
  }
  return typeof value === 'string' && textHasPersonalData(value);
}

/** The most strings personalDataIn looks at, and how deep, so a hostile body cannot make it run long. */
const MAX_STRINGS = 1_000_000;
const MAX_DEPTH = 32;

/**
 * Every string in a value (a request, a stored record, an answer) that looks like a CPR number, by its
 * path ("source.sheets.1", "name"): what the service checks before it stores or returns anything, and what
 * the pane checks before it sends. Object keys count as strings too. The strings themselves are never returned.
 */
export function personalDataIn(value: unknown, path = ''): string[] {
  const found: string[] = [];
  let seen = 0;
  const join = (p: string, k: string | number) => (p === '' ? String(k) : `${p}.${k}`);
  const walk = (v: unknown, p: string, depth: number): void => {
    if (seen++ > MAX_STRINGS || depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      if (textHasPersonalData(v)) found.push(p === '' ? '(text)' : p);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], join(p, i), depth + 1);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (textHasPersonalData(k)) found.push(join(p, '(key)'));
        walk(child, join(p, k), depth + 1);
      }
    }
  };
  walk(value, path, 0);
  return found;
}

const PERSONAL_HEADERS = [/\bcpr\b/, /\bcprnr\b/, /personnummer/, /foedselsdato/, /\bfoedt\b/, /barnets navn/, /boernenes navne/, /\bbirth\b/, /date of birth/, /social security/];

export function headerNamesPersonalData(header: string): boolean {
  const label = normaliseLabel(header);
  return PERSONAL_HEADERS.some((re) => re.test(label));
}

/**
 * personal-data: scans every cell of a sheet that is about to be read, so that no such sheet is stored
 * or sent; `readColumns` are the columns the product reads (a nine-digit number counts only there; all
 * columns when not given). The value is never echoed in the issue.
 */
export function checkPersonalData(sheet: SheetGrid, headerRow: number, sink: IssueSink, readColumns?: ReadonlySet<number>): void {
  const header = sheet.values[headerRow] ?? [];
  const flaggedCols: boolean[] = [];
  for (let c = 0; c < header.length; c++) {
    const h = header[c];
    if (typeof h === 'string' && headerNamesPersonalData(h)) {
      flaggedCols[c] = true;
      addIssue(sink, 'personal-data', { sheet: sheet.name, row: headerRow, col: c, value: null }, { header: h.trim() });
    }
  }
  forEveryCell(sheet.values, (v, r, c) => {
    // Most cells fail the cheap tests: numbers below nine digits, texts shorter than nine characters.
    if ((typeof v === 'number' ? v >= 100_000_000 : typeof v === 'string' && v.length >= 9) && flaggedCols[c] !== true
      && looksLikeCpr(v, r > headerRow && (readColumns?.has(c) ?? true))) {
      addIssue(sink, 'personal-data', { sheet: sheet.name, row: r, col: c, value: null });
    }
  });
}

const CPR_ANYWHERE = /(?<!\d)\d{6}[- ]?\d{4}(?!\d)|(?<!\d)\d{9}(?!\d)/g;

/** Masks anything CPR-like in the issues' values and messages, so a report never carries one. */
export function scrubPersonalData(issues: Issue[]): Issue[] {
  return issues.map((i) => {
    const value = looksLikeCpr(i.value) ? null : i.value;
    const message = i.message.replace(CPR_ANYWHERE, '******-****');
    const association = i.association ? i.association.replace(CPR_ANYWHERE, '******-****') : i.association;
    return value === i.value && message === i.message && association === i.association ? i : { ...i, value, message, association };
  });
}
