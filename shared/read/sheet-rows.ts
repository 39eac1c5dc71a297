import type { DistrictMatch } from '../districts';
import { addIssue, type IssueSink } from '../rules/issue';
import { explainTotal } from '../rules/total-explanation';
import type { CellValue, ProgrammeModel, SheetGrid, SheetKind } from '../schemas';
import { failed, parseYear, isExcelError, type HintKey } from './cells';
import { parseByType, type CellMemo } from './cell-memo';
import { fieldsFor, type FieldDefinition, type FieldType } from './columns';
import type { HeaderMatch } from './find-sheets';
import { isBlank } from './text';

/**
 * Turns one parsed row into the kind's normalised row. `values` follows the kind's column dictionary
 * (fieldsFor(kind)): the parsed value, null where empty or unreadable, undefined where the sheet has no such
 * column. The array is reused for the next row, so the builder copies what it keeps.
 */
export type RowBuilder<R> = (values: readonly unknown[], row0: number) => R;

export interface ReadResult<R> {
  rows: R[];
  otherYearRows: number;
}

interface ReadContext {
  sink: IssueSink;
  model: ProgrammeModel | null;
  year: number | null;
  memo: CellMemo;
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['amount', 'hours', 'count']);
const TOTAL_LABEL = /^\s*(i\s*alt|total|totalt|sum|samlet|subtotal)\b/i;
/** First characters a total label can start with (i, s, t, space): most rows skip the regular expression. */
const TOTAL_FIRST: ReadonlySet<number> = new Set([...'iIsStT \t\u00a0'].map((c) => c.charCodeAt(0)));

const HINTS: Record<HintKey | 'not-a-figure', { da: string; en: string }> = {
  'not-a-figure': { da: 'Skriv kun tallet, fx 25 eller 37,5.', en: 'Write the figure only, e.g. 25 or 37,5.' },
  'ambiguous-comma': { da: 'Skriv fx 250.000 eller 250000 (komma er decimaltegn på dansk).', en: 'Write e.g. 250.000 or 250000 (the comma is the Danish decimal sign).' },
  'not-a-number': { da: 'Skriv kun tallet, fx 250.000 eller 250000.', en: 'Write the figure only, e.g. 250.000 or 250000.' },
  'not-whole': { da: 'Et antal skal være et helt tal.', en: 'A count must be a whole number.' },
  'not-a-year': { da: 'Skriv året med fire cifre, fx 2025.', en: 'Write the year with four digits, e.g. 2025.' },
  'not-yes-no': { da: 'Skriv "Ja" eller "Nej".', en: 'Write "Ja" or "Nej".' },
  'not-a-funding-source': { da: 'Skriv "Varige midler" eller "Kulturpulje".', en: 'Write "Varige midler" or "Kulturpulje".' },
  'not-months': { da: 'Skriv antallet af hele måneder, aftalen løb i året, fx 6 (tom = hele året).', en: 'Write the number of whole months the agreement ran that year, e.g. 6 (blank = the whole year).' },
};

const EXPECTED: Record<FieldType, { da: string; en: string }> = {
  text: { da: 'tekst', en: 'text' },
  district: { da: 'bydel', en: 'a district' },
  tier: { da: 'partnerskabstype', en: 'a tier' },
  amount: { da: 'et beløb i kroner', en: 'an amount in DKK' },
  hours: { da: 'et antal timer', en: 'a number of hours' },
  count: { da: 'et antal', en: 'a count' },
  yesno: { da: 'ja/nej', en: 'yes/no' },
  funding: { da: 'finansieringskilde', en: 'a funding source' },
  year: { da: 'et årstal', en: 'a year' },
  months: { da: 'et antal måneder', en: 'a number of months' },
};

/** The header text of a column, for messages. */
export function headerText(sheet: SheetGrid, header: HeaderMatch, field: string): string {
  const col = header.columns.get(field);
  const v = col === undefined ? undefined : sheet.values[header.headerRow]?.[col];
  return typeof v === 'string' && v.trim() ? v.trim() : (header.fields.get(field)?.header ?? field);
}

function rowIsBlank(row: readonly CellValue[] | undefined): boolean {
  if (!row) return true;
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

function nonBlankCount(row: readonly CellValue[]): number {
  let n = 0;
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) n++;
  return n;
}

function totalLabel(row: readonly CellValue[], assocCol: number | undefined): string | null {
  return labelIn(row[assocCol ?? 2]) ?? labelIn(row[0]) ?? labelIn(row[1]);
}

function labelIn(v: CellValue | undefined): string | null {
  return typeof v === 'string' && v.length > 2 && TOTAL_FIRST.has(v.charCodeAt(0)) && TOTAL_LABEL.test(v) ? v.trim() : null;
}

/** The years a sheet's year column holds, to settle the programme year. */
export function yearsInColumn(sheet: SheetGrid, header: HeaderMatch, date1904: boolean): number[] {
  const col = header.columns.get('year');
  if (col === undefined) return [];
  const years = new Set<number>();
  for (let r = header.headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    const p = parseYear(row[col], sheet.numberFormat?.[r]?.[col], date1904);
    if (!failed(p)) years.add(p);
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Reads the data rows below the header: skips blank rows, recognises total rows (and checks their
 * figures), parses every mapped cell by its field's type and reports what cannot be read.
 * Business rules on the parsed rows live in rules/.
 */
export function readRows<R>(kind: SheetKind, sheet: SheetGrid, header: HeaderMatch, ctx: ReadContext, build: RowBuilder<R>): ReadResult<R> {
  const { sink, memo, model } = ctx;
  const dictionary = fieldsFor(kind);
  const fields: Array<{ def: FieldDefinition; col: number; required: boolean; index: number }> = [];
  for (const [field, col] of header.columns) {
    const def = header.fields.get(field)!;
    // Blank agreement terms mean "no": agreement-terms-missing says so, not missing-value.
    const required = (kind === 'budget' && def.required(model) && field !== 'agreementTerms') || (kind === 'membership' && field === 'association');
    fields.push({ def, col, required, index: dictionary.indexOf(def) });
  }
  const yearCol = header.columns.get('year');
  const assocCol = header.columns.get('association');
  // Unmapped fields stay undefined: "no such column".
  const template: unknown[] = dictionary.map((def) => (header.columns.has(def.field) ? null : undefined));
  const numeric = fields.filter((f) => NUMERIC.has(f.def.type));
  const sumsSinceTotal = new Float64Array(numeric.length);
  const sumsAll = new Float64Array(numeric.length);
  const rows: R[] = [];
  const out: unknown[] = [];
  let otherYearRows = 0;
  let seenTotal = false;
  // The rows counted into the sums (0-based), and where the rows since the last total row start.
  const counted: number[] = [];
  let sinceStart = 0;
  const values = sheet.values;
  const lang = sink.lang;

  for (let r = header.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (rowIsBlank(row)) continue;
    const label = totalLabel(row, assocCol);
    if (label !== null) {
      seenTotal = true;
      addIssue(sink, 'total-row', { sheet: sheet.name, row: r, col: header.columns.get('association') ?? 0, value: label });
      checkTotals(sheet, header, r, numeric, sumsSinceTotal, sumsAll, counted.slice(sinceStart), sink, memo);
      sumsSinceTotal.fill(0);
      sinceStart = counted.length;
      continue;
    }
    // Below a total row, a line with a single cell is a footnote ("Tallene er foreløbige").
    if (seenTotal && nonBlankCount(row) <= 1) continue;
    if (yearCol !== undefined && ctx.year !== null) {
      const y = parseYear(row[yearCol], sheet.numberFormat?.[r]?.[yearCol], memo.date1904);
      if (!failed(y) && y !== ctx.year) {
        otherYearRows++;
        continue;
      }
    }
    for (let i = 0; i < template.length; i++) out[i] = template[i];
    const assocRaw = assocCol !== undefined ? row[assocCol] : undefined;
    const association = typeof assocRaw === 'string' ? assocRaw.trim() : assocRaw == null ? '' : String(assocRaw);
    const formats = sheet.numberFormat?.[r];
    const types = sheet.valueTypes?.[r];
    for (let i = 0; i < fields.length; i++) {
      const { def, col, required, index } = fields[i];
      const raw = row[col] ?? '';
      if (isExcelError(raw, types?.[col])) {
        const at = { sheet: sheet.name, row: r, col, field: def.field, value: raw, association };
        addIssue(sink, 'formula-error', at, { header: headerText(sheet, header, def.field) });
        out[index] = null;
        continue;
      }
      if (types?.[col] === 'Uncalculated') {
        // The file reader's mark for a formula saved without its result: not an empty cell to fill in.
        addIssue(sink, 'uncalculated-formula', { sheet: sheet.name, row: r, col, field: def.field, value: null, association }, { header: headerText(sheet, header, def.field) });
        out[index] = null;
        continue;
      }
      const p = parseByType(def.type, raw, formats?.[col], memo);
      if (typeof p === 'number') {
        if (p < 0 && NUMERIC.has(def.type)) {
          addIssue(sink, 'negative-value', { sheet: sheet.name, row: r, col, field: def.field, value: raw, association }, { header: headerText(sheet, header, def.field), figure: p });
        }
        out[index] = p;
        continue;
      }
      if (!failed(p)) {
        if (def.type !== 'district') out[index] = p;
        else {
          // The district is known in nearly every row: its finding's location is made only when there is one.
          const m = p as DistrictMatch;
          out[index] = m.kind === 'district' ? m.district : null;
          if (m.kind !== 'district') reportDistrict(m, { sheet: sheet.name, row: r, col, field: def.field, value: raw, association }, sink);
        }
      } else {
        const at = { sheet: sheet.name, row: r, col, field: def.field, value: raw, association };
        out[index] = null;
        if (p.reason === 'type') {
          const hint = p.hint === 'not-a-number' && def.type !== 'amount' ? HINTS['not-a-figure'][lang] : p.hint ? HINTS[p.hint][lang] : undefined;
          addIssue(sink, 'type-error', at, { header: headerText(sheet, header, def.field), expected: EXPECTED[def.type][lang], hint });
        } else if (required) {
          addIssue(sink, 'missing-value', { ...at, value: null }, { header: headerText(sheet, header, def.field) });
        }
      }
    }
    for (let i = 0; i < numeric.length; i++) {
      const v = out[numeric[i].index];
      if (typeof v === 'number') {
        sumsSinceTotal[i] += v;
        sumsAll[i] += v;
      }
    }
    rows.push(build(out, r));
    counted.push(r);
  }
  return { rows, otherYearRows };
}

function reportDistrict(m: Exclude<DistrictMatch, { kind: 'district' }>, at: Parameters<typeof addIssue>[2], sink: IssueSink): void {
  if (m.kind === 'local-area') addIssue(sink, 'unknown-district', at, { spans: m.districts.join(', ') });
  else addIssue(sink, 'unknown-district', at, { suggestion: m.suggestion });
}

/** A total row must match the rows since the previous total row (a subtotal) or all rows above (a grand total). */
function checkTotals(
  sheet: SheetGrid, header: HeaderMatch, r: number,
  numeric: Array<{ def: FieldDefinition; col: number; index: number }>, sinceTotal: Float64Array, all: Float64Array,
  countedSinceTotal: readonly number[], sink: IssueSink, memo: CellMemo,
): void {
  const row = sheet.values[r];
  for (let i = 0; i < numeric.length; i++) {
    const { def, col } = numeric[i];
    const raw = row[col] ?? '';
    if (isBlank(raw) || isExcelError(raw, sheet.valueTypes?.[r]?.[col])) continue;
    const v = parseByType(def.type === 'count' ? 'amount' : def.type, raw, undefined, memo);
    if (typeof v !== 'number') continue;
    const near = (x: number) => Math.abs(x - v) < 0.01;
    if (near(sinceTotal[i]) || near(all[i])) continue;
    const expected = Math.round(sinceTotal[i] * 100) / 100;
    const because = explainTotal({ sheet, row: r, col, type: def.type, counted: countedSinceTotal, total: v, expected: sinceTotal[i], lang: sink.lang });
    addIssue(sink, 'total-mismatch', { sheet: sheet.name, row: r, col, field: def.field, value: raw }, {
      header: headerText(sheet, header, def.field),
      total: v,
      expected,
      because,
    });
  }
}
