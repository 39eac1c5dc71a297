import { normaliseName, type DistrictMatch } from '../districts';
import { cellAddress } from '../read/a1';
import { cellMemo, parseByType, type CellMemo } from '../read/cell-memo';
import type { HeaderMatch } from '../read/find-sheets';
import type { CellValue, ProgrammeConfig, SheetGrid } from '../schemas';
import type { VariantKind } from './catalogue';
import { addIssue, type IssueSink } from './issue';


/**
 * Where collapsing white space to single spaces and trimming would change a name: white space at either end,
 * two in a row, or one that is not a plain space (a tab, a no-break space).
 */
const UNTIDY_SPACES = /^\s|\s$|\s\s|[^\S ]/;

type Canonical = { kind: VariantKind; value: string };

/**
 * The one canonical spelling of a cell the core reads as meant, where it differs from what is written; null
 * where the cell is already canonical or cannot be read unambiguously. A district the core does not know is
 * never corrected here: its nearest name is a suggestion (unknown-district), not a fix.
 */
export function canonicalSpelling(type: string, raw: CellValue, config: ProgrammeConfig, memo: CellMemo = cellMemo(config)): Canonical | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  switch (type) {
    case 'district': {
      const m = parseByType('district', raw, undefined, memo) as DistrictMatch;
      if (m.kind !== 'district' || m.district === raw) return null;
      return { kind: normaliseName(raw) === normaliseName(m.district) ? 'district' : 'district-alias', value: m.district };
    }
    case 'yesno': {
      const b = parseByType('yesno', raw, undefined, memo);
      if (typeof b !== 'boolean') return null;
      const canonical = b ? 'Ja' : 'Nej';
      return canonical === raw ? null : { kind: 'yes-no', value: canonical };
    }
    case 'tier': {
      const t = parseByType('tier', raw, undefined, memo);
      return typeof t === 'string' && t !== raw ? { kind: 'tier', value: t } : null;
    }
    case 'association': {
      // Nearly every name is already tidy, and names are rarely repeated: test before making a corrected copy.
      if (!UNTIDY_SPACES.test(raw)) return null;
      return { kind: 'association', value: raw.replace(/\s+/g, ' ').trim() };
    }
    default:
      return null;
  }
}

/**
 * `spelling-variant`: a district alias or stray spaces, a yes/no variant ("x", "ja"), a tier in another case,
 * stray spaces around an association name. Each is read as meant already; the finding says so and carries the
 * canonical spelling as its fix, so the sheet says what the report says. Run on the data rows (0-based).
 */
export function checkSpellingVariants(sheet: SheetGrid, header: HeaderMatch, dataRows: readonly number[], memo: CellMemo, sink: IssueSink): void {
  // Per column, the answer for each distinct text: a district, Ja/Nej or a tier is written the same way in row
  // after row, and working out its canonical spelling folds and compares strings. Names are not repeated.
  const checked: Array<{ field: string; col: number; type: string; seen: Map<string, Canonical | null> | null }> = [];
  for (const [field, col] of header.columns) {
    const type = field === 'association' ? 'association' : header.fields.get(field)!.type;
    if (type === 'association' || type === 'district' || type === 'yesno' || type === 'tier') checked.push({ field, col, type, seen: type === 'association' ? null : new Map() });
  }
  if (checked.length === 0) return;
  const assocCol = header.columns.get('association') ?? -1;
  for (const r of dataRows) {
    const row = sheet.values[r];
    if (!row) continue;
    for (const { field, col, type, seen } of checked) {
      const raw = row[col];
      let canonical: Canonical | null | undefined;
      if (seen && typeof raw === 'string') {
        canonical = seen.get(raw);
        if (canonical === undefined) seen.set(raw, (canonical = canonicalSpelling(type, raw, memo.config, memo)));
      } else canonical = canonicalSpelling(type, raw, memo.config, memo);
      if (!canonical) continue;
      const association = typeof row[assocCol] === 'string' ? (row[assocCol] as string).trim() : null;
      const cell = cellAddress(r, col);
      addIssue(sink, 'spelling-variant', {
        sheet: sheet.name, row: r, col, cell, field, value: raw, association, fix: { cell, value: canonical.value },
      }, { variant: canonical.kind, fixed: canonical.value });
    }
  }
}
