import type { CellValue, FundingSource, Tier } from '../schemas';
import { normaliseLabel } from './text';

export type HintKey = 'ambiguous-comma' | 'not-a-number' | 'not-whole' | 'not-a-year' | 'not-yes-no' | 'not-a-funding-source' | 'not-months';

/**
 * Why a cell could not be read. Parsers return the value itself or one of these shared constants, so that
 * reading a cell allocates nothing (the core reads hundreds of thousands of cells per validation).
 */
export class Failure {
  constructor(readonly reason: 'empty' | 'type', readonly hint?: HintKey) {
    Object.freeze(this);
  }
}

/** A parsed cell: the value, or a Failure. */
export type Parsed<T> = T | Failure;

export const EMPTY = new Failure('empty');
const HINT_KEYS: readonly HintKey[] = ['ambiguous-comma', 'not-a-number', 'not-whole', 'not-a-year', 'not-yes-no', 'not-a-funding-source', 'not-months'];
const TYPE_ERRORS: Readonly<Record<HintKey, Failure>> = Object.freeze(
  Object.fromEntries(HINT_KEYS.map((hint) => [hint, new Failure('type', hint)])) as Record<HintKey, Failure>,
);
function typeError(hint: HintKey): Failure {
  return TYPE_ERRORS[hint];
}

export function failed<T>(p: Parsed<T>): p is Failure {
  return p instanceof Failure;
}

const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!',
  '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!', '#GETTING_DATA', '#PYTHON!',
]);

/** An Excel error value as Office.js hands it over ("#REF!"), or as valueTypes marks it. */
export function isExcelError(value: CellValue, valueType?: string): boolean {
  if (valueType === 'Error') return true;
  return typeof value === 'string' && value.length > 1 && value.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(value.trim().toUpperCase());
}

// ------------------------------------------------------------------------------------------------ numbers

/**
 * Danish amounts as staff write them: "250.000 kr.", "250.000,00", "250000", "kr. 250.000,-", "1,5 mio. kr.",
 * "37,5 timer". "250,000" is refused as ambiguous: in Danish it reads 250, but it is usually meant as 250.000.
 */
export function parseNumberText(raw: string): Parsed<number> {
  let s = raw.toLowerCase().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return EMPTY;
  let factor = 1;
  s = s.replace(/^(kr\.?|dkk)/, '');
  s = s.replace(/(,-|\.-|,--)$/, '');
  s = s.replace(/(kr\.?|dkk|timer|time|t\.?|stk\.?|personer|medlemmer)$/, '');
  const mio = /(mio\.?|millioner|mill\.?)$/.exec(s);
  if (mio) {
    factor = 1_000_000;
    s = s.slice(0, mio.index);
  }
  s = s.replace(/(kr\.?|dkk)$/, '');
  let sign = 1;
  if (/^[-−–]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  let n: number;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) n = Number(s.replace(/\./g, '').replace(',', '.'));
  else if (/^\d+,\d{3}$/.test(s) && factor === 1) return typeError('ambiguous-comma');
  else if (/^\d+(,\d+)?$/.test(s)) n = Number(s.replace(',', '.'));
  else if (/^\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(s) || /^\d{1,3}(,\d{3})+\.\d+$/.test(s)) n = Number(s.replace(/,/g, ''));
  else if (/^\d+\.\d+$/.test(s)) n = Number(s);
  else return typeError('not-a-number');
  if (!Number.isFinite(n)) return typeError('not-a-number');
  return sign * n * factor;
}

export function parseNumber(value: CellValue): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? value : typeError('not-a-number');
  if (typeof value === 'string') return parseNumberText(value);
  if (value === null) return EMPTY;
  return typeError('not-a-number');
}

export function parseCount(value: CellValue): Parsed<number> {
  const n = parseNumber(value);
  if (typeof n === 'number' && !Number.isInteger(n)) return typeError('not-whole');
  return n;
}

/** Whole months 1–N of a year, as staff write them: 6, "6", "6 mdr.", "6 måneder". */
export function parseMonths(value: CellValue, monthsPerYear = 12): Parsed<number> {
  let v: CellValue = value;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase().replace(/\s*(måneder|maaneder|måned|maaned|mdr\.?|md\.?|months?)$/, '');
    if (s === '') return v.trim() === '' ? EMPTY : typeError('not-months');
    v = s;
  }
  const n = parseNumber(v);
  if (typeof n !== 'number') return n === EMPTY ? EMPTY : typeError('not-months');
  return Number.isInteger(n) && n >= 1 && n <= monthsPerYear ? n : typeError('not-months');
}

// ------------------------------------------------------------------------------------------------ years

/**
 * The 1904 date system (Excel for Mac's old default, some exports; `<workbookPr date1904="1"/>`) counts from
 * 1904-01-01: its serial + 1,462 is the 1900 system's serial of the same day.
 */
export const DAYS_1900_TO_1904 = 1462;

/** Excel's date serials; a year cell formatted as a date holds one. */
function yearOfSerial(serial: number, date1904: boolean): number {
  // Days from 1899-12-30 to the date in the 1900 system; 25569 is 1970-01-01.
  const ms = (serial + (date1904 ? DAYS_1900_TO_1904 : 0) - 25569) * 86_400_000;
  return new Date(ms).getUTCFullYear();
}

export function looksLikeDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const f = format.toLowerCase().replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /[dmy]/.test(f) && !/^(general|standard|0|#)/.test(f);
}

/** A year as written (2025, "2025", "31.12.2025") or as a date cell's serial in the workbook's date system. */
export function parseYear(value: CellValue, numberFormat?: string, date1904 = false): Parsed<number> {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return value;
    if (looksLikeDateFormat(numberFormat) && value > 0) return yearOfSerial(value, date1904);
    return typeError('not-a-year');
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return EMPTY;
    const m = /^(?:pr\.?\s*)?(?:\d{1,2}[./-]\d{1,2}[./-])?((?:19|20|21)\d\d)$/i.exec(s);
    return m ? Number(m[1]) : typeError('not-a-year');
  }
  if (value === null) return EMPTY;
  return typeError('not-a-year');
}

// ------------------------------------------------------------------------------------------------ words

const YES: ReadonlySet<string> = new Set(['ja', 'j', 'yes', 'y', 'x', 'sand', 'true', '1', 'ok', 'opfyldt']);
const NO: ReadonlySet<string> = new Set(['nej', 'n', 'no', 'falsk', 'false', '0', 'ikke opfyldt']);
const CHECKMARKS: ReadonlySet<string> = new Set(['✓', '✔', '✗', '✘']);

// No memo here: a validation parses each distinct text once through its own (read/cell-memo.ts).
function yesNoText(raw: string): Parsed<boolean> {
  const t = raw.trim();
  if (t === '' || t === '-') return EMPTY;
  if (CHECKMARKS.has(t)) return t === '✓' || t === '✔';
  const s = normaliseLabel(t);
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return typeError('not-yes-no');
}

/** Yes/no as staff write it: Ja/Nej/x/blank (blank = no). */
export function parseYesNo(value: CellValue): Parsed<boolean> {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : typeError('not-yes-no');
  if (value === null) return EMPTY;
  return yesNoText(value);
}

const TIERS: ReadonlyMap<string, Tier> = new Map<string, Tier>([
  ['standard', 'standard'], ['std', 'standard'], ['almindelig', 'standard'], ['basis', 'standard'],
  ['standardpartnerskab', 'standard'], ['standard partnerskab', 'standard'],
  ['udvidet', 'udvidet'], ['udv', 'udvidet'], ['extended', 'udvidet'], ['udvidet partnerskab', 'udvidet'], ['udvidetpartnerskab', 'udvidet'],
]);

function tierText(raw: string): Parsed<Tier | null> {
  return raw.trim() === '' ? EMPTY : TIERS.get(normaliseLabel(raw)) ?? null;
}

/** standard/udvidet; null for anything else (the caller reports `unknown-tier`). */
export function parseTier(value: CellValue): Parsed<Tier | null> {
  return value === null ? EMPTY : tierText(String(value));
}

const FUNDING: ReadonlyMap<string, FundingSource> = new Map<string, FundingSource>([
  ['varige midler', 'varige-midler'], ['varig', 'varige-midler'], ['varige', 'varige-midler'], ['permanent', 'varige-midler'],
  ['permanent budget', 'varige-midler'], ['ordinaer', 'varige-midler'], ['ordinaere midler', 'varige-midler'],
  ['kulturpulje', 'kulturpulje'], ['kulturpuljen', 'kulturpulje'], ['kultur', 'kulturpulje'], ['culture pool', 'kulturpulje'],
]);

function fundingText(raw: string): Parsed<FundingSource> {
  if (raw.trim() === '') return EMPTY;
  const f = FUNDING.get(normaliseLabel(raw));
  return f ? f : typeError('not-a-funding-source');
}

export function parseFunding(value: CellValue): Parsed<FundingSource> {
  return value === null ? EMPTY : fundingText(String(value));
}

export function parseText(value: CellValue): Parsed<string> {
  if (value === null) return EMPTY;
  const s = typeof value === 'string' ? value.trim() : String(value);
  return s === '' ? EMPTY : s;
}
