/**
 * Why a total row's figure differs from the rows above it, where the sheet itself says why: Excel's SUM
 * skips amounts written as text, a SUM's range can leave rows out (or take in rows that are not association
 * rows), and a total typed from the visible rows (or SUBTOTAL(109)) leaves hidden rows out. Pure: the grid's
 * values, formulas and hidden rows are all it reads.
 */
import { cellAddress, parseA1 } from '../read/a1';
import { parseCount, parseNumber } from '../read/cells';
import type { FieldType } from '../read/columns';
import { formatFigure } from '../figures';
import type { Lang, SheetGrid } from '../schemas';

const NEAR = 0.01;

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

interface Aggregate {
  /** The formula as written, for the message. */
  text: string;
  ranges: Range[];
  /** SUBTOTAL(109, …) leaves hidden rows out; SUM and SUBTOTAL(9, …) count them. */
  skipsHidden: boolean;
}

/** `=SUM(D5:D25)`, `=SUM(D5:D12,D14:D25)`, `=SUBTOTAL(9,D5:D25)`, `=SUBTOTAL(109,…)` on this sheet; else null. */
export function parseAggregate(formula: unknown): Aggregate | null {
  if (typeof formula !== 'string') return null;
  const m = /^=\s*(SUM|SUBTOTAL)\s*\((.*)\)\s*$/i.exec(formula.trim());
  if (!m) return null;
  const args = m[2].split(/[,;]/).map((a) => a.trim());
  let skipsHidden = false;
  if (m[1].toUpperCase() === 'SUBTOTAL') {
    const fn = args.shift();
    if (fn === '109') skipsHidden = true;
    else if (fn !== '9') return null;
  }
  const ranges: Range[] = [];
  for (const arg of args) {
    const [a, b = a, ...rest] = arg.split(':');
    if (rest.length > 0) return null;
    const from = parseA1(a);
    const to = parseA1(b);
    if (!from || !to) return null;
    ranges.push({ r1: Math.min(from.row, to.row), c1: Math.min(from.col, to.col), r2: Math.max(from.row, to.row), c2: Math.max(from.col, to.col) });
  }
  return ranges.length > 0 ? { text: formula.trim(), ranges, skipsHidden } : null;
}

const inRanges = (ranges: readonly Range[], r: number, c: number) => ranges.some((g) => r >= g.r1 && r <= g.r2 && c >= g.c1 && c <= g.c2);

type PartKind = 'text' | 'outside' | 'hidden' | 'extra';

interface Part {
  kind: PartKind;
  cells: string[];
  sum: number;
}

export interface TotalToExplain {
  sheet: SheetGrid;
  /** 0-based row of the total row, and the column of the figure. */
  row: number;
  col: number;
  type: FieldType;
  /** 0-based rows the core counted into the expected figure. */
  counted: readonly number[];
  /** The total row's figure, and what the counted rows add up to. */
  total: number;
  expected: number;
  lang: Lang;
}

/** The cells' list as a person reads it: runs of rows as ranges (D5:D9), at most 12 items. */
function cellList(cells: readonly string[], lang: Lang): string {
  const items: string[] = [];
  let i = 0;
  while (i < cells.length) {
    const first = parseA1(cells[i])!;
    let j = i;
    while (j + 1 < cells.length) {
      const next = parseA1(cells[j + 1])!;
      const cur = parseA1(cells[j])!;
      if (next.col !== first.col || next.row !== cur.row + 1) break;
      j++;
    }
    items.push(j > i ? `${cells[i]}:${cells[j]}` : cells[i]);
    i = j + 1;
  }
  const shown = items.slice(0, 12).join(', ');
  const more = items.length - 12;
  if (more <= 0) return shown;
  return lang === 'da' ? `${shown} og ${more} ${more === 1 ? 'område' : 'områder'} mere` : `${shown} and ${more} more`;
}

const figure = (n: number, lang: Lang) => formatFigure(Math.round(n * 100) / 100, lang);

function describePart(p: Part, agg: Aggregate | null, type: FieldType, lang: Lang): string {
  const list = `${cellList(p.cells, lang)}: ${figure(p.sum, lang)}`;
  const what = type === 'amount' ? { da: 'beløb', en: 'amounts' } : { da: 'tal', en: 'figures' };
  if (lang === 'da') {
    switch (p.kind) {
      case 'text': return `${what.da} skrevet som tekst, som Excels SUM springer over (${list})`;
      case 'outside': return `rækker uden for formlens område, ${agg!.text} (${list})`;
      case 'hidden': return agg ? `skjulte rækker, som ${agg.text} springer over (${list})` : `skjulte rækker, som summen ikke har talt med (${list})`;
      case 'extra': return `celler i formlens område, ${agg!.text}, som ikke er foreningsrækker ovenover (${list})`;
    }
  }
  switch (p.kind) {
    case 'text': return `${what.en} written as text, which Excel's SUM skips (${list})`;
    case 'outside': return `rows outside the formula's range, ${agg!.text} (${list})`;
    case 'hidden': return agg ? `hidden rows, which ${agg.text} skips (${list})` : `hidden rows the total has left out (${list})`;
    case 'extra': return `cells in the formula's range, ${agg!.text}, that are not association rows above it (${list})`;
  }
}

function advice(parts: readonly Part[], lang: Lang): string {
  const kinds = new Set(parts.map((p) => p.kind));
  const out: string[] = [];
  if (lang === 'da') {
    if (kinds.has('text')) out.push('Skriv dem som tal (hver har en sikker rettelse), så regner Excel dem med');
    if (kinds.has('outside') || kinds.has('extra')) out.push('ret formlens område, så det dækker foreningsrækkerne og kun dem');
    if (kinds.has('hidden')) out.push('tjek de skjulte rækker: her tælles de med, ligesom i SUM');
  } else {
    if (kinds.has('text')) out.push('Enter them as numbers (each has a safe fix) so that Excel counts them');
    if (kinds.has('outside') || kinds.has('extra')) out.push("correct the formula's range so that it covers the association rows and only them");
    if (kinds.has('hidden')) out.push('check the hidden rows: they count here, as in SUM');
  }
  const s = out.join('; ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/**
 * The explanation of a total's difference as a sentence in the report's language, or null where the sheet
 * does not show why (the message then asks the person to correct the total or the figures).
 */
export function explainTotal(t: TotalToExplain): string | null {
  const { sheet, row, col, type, counted, total, expected, lang } = t;
  const hidden = new Set(sheet.hiddenRows ?? []);
  const parse = (v: unknown) => (type === 'count' ? parseCount(v as never) : parseNumber(v as never));
  const counts = new Set(counted);
  const agg = parseAggregate(sheet.formulas?.[row]?.[col]);
  let parts: Part[] | null = null;

  if (agg) {
    // What Excel's formula gives on this grid; when it is the figure shown, the formula explains it.
    let excel = 0;
    const extra: Part = { kind: 'extra', cells: [], sum: 0 };
    for (const g of agg.ranges) {
      for (let r = g.r1; r <= Math.min(g.r2, sheet.values.length - 1); r++) {
        if (agg.skipsHidden && hidden.has(r)) continue;
        for (let c = g.c1; c <= g.c2; c++) {
          if (r === row && c === col) continue;
          const v = sheet.values[r]?.[c];
          if (typeof v !== 'number') continue;
          excel += v;
          if (!(c === col && counts.has(r)) && v !== 0) {
            extra.cells.push(cellAddress(r, c));
            extra.sum += v;
          }
        }
      }
    }
    if (Math.abs(excel - total) < NEAR) {
      const text: Part = { kind: 'text', cells: [], sum: 0 };
      const outside: Part = { kind: 'outside', cells: [], sum: 0 };
      const skipped: Part = { kind: 'hidden', cells: [], sum: 0 };
      for (const r of counted) {
        const raw = sheet.values[r]?.[col];
        const n = parse(raw);
        if (typeof n !== 'number' || n === 0) continue;
        const cell = cellAddress(r, col);
        if (!inRanges(agg.ranges, r, col)) {
          outside.cells.push(cell);
          outside.sum += n;
        } else if (agg.skipsHidden && hidden.has(r)) {
          skipped.cells.push(cell);
          skipped.sum += n;
        } else if (typeof raw === 'string') {
          text.cells.push(cell);
          text.sum += n;
        }
      }
      parts = [text, outside, skipped, extra].filter((p) => p.cells.length > 0);
      // The parts must account for the whole difference (extra cells add to the formula's figure).
      const accounted = expected - text.sum - outside.sum - skipped.sum + extra.sum;
      if (Math.abs(accounted - total) >= NEAR) parts = null;
    }
  }

  if (!parts) {
    // A typed total (or one whose formula does not give the figure): a difference equal to the text amounts,
    // the hidden rows, or both.
    const text: Part = { kind: 'text', cells: [], sum: 0 };
    const hid: Part = { kind: 'hidden', cells: [], sum: 0 };
    for (const r of counted) {
      const raw = sheet.values[r]?.[col];
      const n = parse(raw);
      if (typeof n !== 'number' || n === 0) continue;
      if (hidden.has(r)) {
        hid.cells.push(cellAddress(r, col));
        hid.sum += n;
      } else if (typeof raw === 'string') {
        text.cells.push(cellAddress(r, col));
        text.sum += n;
      }
    }
    for (const candidate of [[text], [hid], [text, hid]]) {
      const live = candidate.filter((p) => p.cells.length > 0);
      if (live.length !== candidate.length) continue;
      if (Math.abs(expected - live.reduce((s, p) => s + p.sum, 0) - total) < NEAR) {
        parts = live;
        break;
      }
    }
  }
  if (!parts || parts.length === 0) return null;

  const difference = figure(Math.abs(expected - total), lang);
  const body = parts.map((p) => describePart(p, agg, type, lang)).join('; ');
  return lang === 'da'
    ? `Forskellen på ${difference} kommer af ${body}. ${advice(parts, lang)}`
    : `The difference of ${difference} comes from ${body}. ${advice(parts, lang)}`;
}
