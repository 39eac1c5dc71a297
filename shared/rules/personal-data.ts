import type { CellValue, Issue, SheetGrid } from '../schemas';
import { normaliseLabel } from '../read/text';
import { addIssue, type IssueSink } from './issue';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** DDMMYY with a real day and month: the first six digits of a CPR number. */
function validCprDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

const CPR_IN_TEXT = /(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)/g;
const textMemo = new Map<string, boolean>();

function textHasCpr(s: string): boolean {
  // Cheap pre-check: a CPR number needs ten digits.
  let digits = 0;
  const n = s.length;
  for (let i = 0; i < n && digits < 10; i++) {
    if (digits + (n - i) < 10) return false;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 10) return false;
  const cached = textMemo.get(s);
  if (cached !== undefined) return cached;
  let found = false;
  for (const m of s.matchAll(CPR_IN_TEXT)) {
    if (validCprDate(m[1])) {
      found = true;
      break;
    }
  }
  if (textMemo.size > 50_000) textMemo.clear();
  textMemo.set(s, found);
  return found;
}

/** DDMMYY-XXXX in text, or ten digits with a valid date. */
export function looksLikeCpr(value: CellValue): boolean {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1_000_000_000 || value > 9_999_999_999) return false;
    return validCprDate(String(value));
  }
  return typeof value === 'string' && textHasCpr(value);
}

const PERSONAL_HEADERS = [/\bcpr\b/, /\bcprnr\b/, /personnummer/, /foedselsdato/, /\bfoedt\b/, /barnets navn/, /boernenes navne/, /\bbirth\b/, /date of birth/, /social security/];

export function headerNamesPersonalData(header: string): boolean {
  const label = normaliseLabel(header);
  return PERSONAL_HEADERS.some((re) => re.test(label));
}

/**
 * personal-data: scans every cell of a sheet that is about to be read, so that no such sheet is stored
 * or sent. The value is never echoed in the issue.
 */
export function checkPersonalData(sheet: SheetGrid, headerRow: number, sink: IssueSink): void {
  const header = sheet.values[headerRow] ?? [];
  const flaggedCols: boolean[] = [];
  for (let c = 0; c < header.length; c++) {
    const h = header[c];
    if (typeof h === 'string' && headerNamesPersonalData(h)) {
      flaggedCols[c] = true;
      addIssue(sink, 'personal-data', { sheet: sheet.name, row: headerRow, col: c, value: null }, { header: h.trim() });
    }
  }
  const values = sheet.values;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      // Most cells fail the cheap tests: numbers below ten digits, texts shorter than ten characters.
      if ((typeof v === 'number' ? v >= 1_000_000_000 : typeof v === 'string' && v.length >= 10) && flaggedCols[c] !== true && looksLikeCpr(v)) {
        addIssue(sink, 'personal-data', { sheet: sheet.name, row: r, col: c, value: null });
      }
    }
  }
}

const CPR_ANYWHERE = /(?<!\d)\d{6}[- ]?\d{4}(?!\d)/g;

/** Masks anything CPR-like in the issues' values and messages, so a report never carries one. */
export function scrubPersonalData(issues: Issue[]): Issue[] {
  return issues.map((i) => {
    const value = looksLikeCpr(i.value) ? null : i.value;
    const message = i.message.replace(CPR_ANYWHERE, '******-****');
    const association = i.association ? i.association.replace(CPR_ANYWHERE, '******-****') : i.association;
    return value === i.value && message === i.message && association === i.association ? i : { ...i, value, message, association };
  });
}
