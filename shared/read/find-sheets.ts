import type { SheetGrid, SheetKind } from '../schemas';
import { fieldForHeader, type FieldDefinition } from './columns';
import { normaliseLabel } from './text';

export const HEADER_SEARCH_ROWS = 20;

/** A sheet's header row and the field each column maps to. */
export interface HeaderMatch {
  headerRow: number;
  /** field → 0-based column (the first column for a field that appears twice). */
  columns: Map<string, number>;
  fields: Map<string, FieldDefinition>;
  unknown: Array<{ col: number; header: string }>;
  duplicates: Array<{ col: number; header: string; field: string; firstCol: number }>;
}

const NAME_PATTERNS: Record<SheetKind, RegExp> = {
  budget: /budget|oekonomi|tilskud|bevilling/,
  membership: /medlem|members/,
};

/** Fields that tell this kind of sheet from the other (both have association and year). */
const TELLING_FIELDS: Record<SheetKind, ReadonlySet<string>> = {
  budget: new Set(['grant', 'hours', 'tier', 'cofinancing', 'district', 'salary', 'agreementTerms']),
  membership: new Set(['age0to12', 'age13to18', 'age19to24', 'under25', 'totalMembers', 'girls', 'boys']),
};

export function nameSuggests(kind: SheetKind, sheetName: string): boolean {
  return NAME_PATTERNS[kind].test(normaliseLabel(sheetName)) && !/oversigt/.test(normaliseLabel(sheetName));
}

function matchRow(kind: SheetKind, row: readonly unknown[], rowIndex: number): HeaderMatch {
  const columns = new Map<string, number>();
  const fields = new Map<string, FieldDefinition>();
  const unknown: HeaderMatch['unknown'] = [];
  const duplicates: HeaderMatch['duplicates'] = [];
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string' || v.trim() === '') continue;
    const def = fieldForHeader(kind, v);
    if (!def) {
      unknown.push({ col: c, header: v.trim() });
      continue;
    }
    const first = columns.get(def.field);
    if (first !== undefined) {
      duplicates.push({ col: c, header: v.trim(), field: def.field, firstCol: first });
      continue;
    }
    columns.set(def.field, c);
    fields.set(def.field, def);
  }
  return { headerRow: rowIndex, columns, fields, unknown, duplicates };
}

/** How well a row reads as this kind's header: 0 when it cannot be one. */
function score(kind: SheetKind, m: HeaderMatch): number {
  let telling = 0;
  for (const f of TELLING_FIELDS[kind]) if (m.columns.has(f)) telling++;
  if (telling === 0) return 0;
  if (!m.columns.has('association') && m.columns.size < 3) return 0;
  return m.columns.size * 10 + telling - m.unknown.length * 0.1;
}

/**
 * Whether a row names a field only this kind of sheet has; a row that does not scores 0. Most rows near the
 * top of a sheet are data rows, and reading each as a header cost two maps and two arrays.
 */
function namesTellingField(kind: SheetKind, row: readonly unknown[]): boolean {
  const telling = TELLING_FIELDS[kind];
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string') continue;
    const def = fieldForHeader(kind, v);
    if (def && telling.has(def.field)) return true;
  }
  return false;
}

/** The best header row within the first 20 rows, or null. */
export function findHeader(kind: SheetKind, sheet: SheetGrid): { match: HeaderMatch; score: number } | null {
  let best: { match: HeaderMatch; score: number } | null = null;
  const limit = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = sheet.values[r] ?? [];
    if (!namesTellingField(kind, row)) continue;
    const m = matchRow(kind, row, r);
    const s = score(kind, m);
    if (s > 0 && (!best || s > best.score)) best = { match: m, score: s };
  }
  return best;
}

/** Reads the header row of a sheet that the user or its name says is of this kind, though no header was found. */
export function headerAt(kind: SheetKind, sheet: SheetGrid): HeaderMatch {
  const limit = Math.min(sheet.values.length, HEADER_SEARCH_ROWS);
  let best = 0;
  let bestCount = -1;
  for (let r = 0; r < limit; r++) {
    const count = (sheet.values[r] ?? []).filter((v) => typeof v === 'string' && v.trim() !== '').length;
    if (count > bestCount) {
      bestCount = count;
      best = r;
    }
  }
  return matchRow(kind, sheet.values[best] ?? [], best);
}

export function yearInName(name: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(name);
  return m ? Number(m[1]) : null;
}

export interface SheetChoice {
  sheet: SheetGrid;
  header: HeaderMatch;
}

/**
 * Finds the sheet of a kind: by name first (preferring the year asked for), then by header row.
 * A sheet named like the kind but with no recognisable header is still chosen, so that the user hears
 * which columns are missing rather than that nothing was found.
 */
export function findSheet(kind: SheetKind, sheets: SheetGrid[], exclude: SheetGrid | null, year: number | undefined): SheetChoice | null {
  const candidates: Array<SheetChoice & { rank: number }> = [];
  for (const sheet of sheets) {
    if (sheet === exclude) continue;
    const named = nameSuggests(kind, sheet.name);
    const found = findHeader(kind, sheet);
    if (!found && !named) continue;
    const nameYear = yearInName(sheet.name);
    const rank =
      (found ? 1000 + found.score : 0) +
      (named ? 500 : 0) +
      (year !== undefined && nameYear === year ? 300 : 0) +
      (nameYear !== null ? nameYear / 100 : 0);
    candidates.push({ sheet, header: found ? found.match : headerAt(kind, sheet), rank });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.rank - a.rank);
  return { sheet: candidates[0].sheet, header: candidates[0].header };
}
