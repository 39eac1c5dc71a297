/**
 * A corrected copy of an .xlsx for `validate --fix`: the fixed cells rewritten in their sheet parts, a cell
 * style with the fix's number format where an amount needs one, and nothing else touched — formulas, styles,
 * comments, drawings and every other part stay byte for byte (exceljs, read and written again, drops what it
 * does not model). A formula that reads a changed cell, directly or through another formula, loses its cached
 * result, so no reader shows the old total, and the workbook asks Excel to calculate everything when it opens
 * (calcPr fullCalcOnLoad): Excel's own result replaces ours, and the copy never says a stale figure.
 */
import type { CellValue } from '../../shared/schemas';
import { cellName, MAX_COLS, parseCellRef } from './cell-address';
import { formulaRefs, type FormulaRefs } from './formula-refs';
import { defaultReadLimits, relationshipsOf, sheetNameOf, workbookPartName, worksheetTarget } from './parse-xlsx';
import { patchStyles, type StylesPatch } from './patch-styles';
import { readFormula, walkSheet, type SharedFormula } from './sheet-part';
import { parseWorkbookPart } from './workbook-part';
import { applyEdits, attrInsertPoint, attrSpan, escapeXml, prefixOf, type XmlEdit } from './xml-edit';
import { CLOSE, EMPTY, EOF, findAttr, isMain, nextTag, OPEN, openXml, skipElement, type XmlCursor } from './xml-scan';
import { findEntry, openZip, readEntry, type InflateBudget, type ZipEntry } from './zip';
import { rewriteZip } from './zip-write';

export interface CellFix {
  sheet: string;
  /** A1, on that sheet. */
  cell: string;
  value: CellValue;
  numberFormat?: string;
}

export type SkipReason = 'no-sheet' | 'no-cell' | 'formula';

export interface PatchOutcome {
  bytes: Buffer;
  written: CellFix[];
  skipped: Array<{ fix: CellFix; reason: SkipReason }>;
  /** Formula cells whose cached result was removed, as `Sheet!A1`. */
  cleared: string[];
  /** A fix's number format could not be given (the workbook has no styles part to add it to). */
  formatsLeftOut: number;
}

interface FoundCell {
  start: number;
  end: number;
  /** The `<c>` tag's attributes other than r, s, t, vm and cm, as written. */
  keep: string;
  style: number;
  prefix: string;
  hasFormula: boolean;
}

interface FormulaCell {
  row: number;
  col: number;
  refs: FormulaRefs;
  /** What removing the cached result takes out: the `<v>` element and the cell's `t`. */
  cut: Array<{ start: number; end: number }>;
}

interface ScannedSheet {
  found: Map<number, FoundCell>;
  formulas: FormulaCell[];
  buf: Buffer;
  /** The part was UTF-16: the copy is written as UTF-8, and its declaration must say so. */
  converted: boolean;
}

const dropped = new Set(['r', 's', 't', 'vm', 'cm']);

/**
 * The cells of one worksheet part as the reader places them (a `<c>` without `r` follows the one before), the
 * wanted ones with their bytes, every formula with what it reads.
 */
function scanSheet(bytes: Buffer, wanted: ReadonlySet<number>): ScannedSheet {
  const cur = openXml(bytes);
  const buf = cur.buf;
  const found = new Map<number, FoundCell>();
  const formulas: FormulaCell[] = [];
  const shared = new Map<string, SharedFormula>();

  const readCell = (c: XmlCursor, selfClosing: boolean, r: number, col: number) => {
    const start = c.tagStart;
    const key = r * MAX_COLS + col;
    const want = wanted.has(key);
    let keep = '';
    let style = 0;
    let tSpan: { start: number; end: number } | null = null;
    for (let i = 0; i < c.attrCount; i++) {
      const colon = c.attrs[i * 5 + 1];
      const local = buf.toString('latin1', colon < 0 ? c.attrs[i * 5] : colon + 1, c.attrs[i * 5 + 2]);
      if (colon < 0 && local === 't') tSpan = attrSpan(c, i);
      if (colon < 0 && local === 's') style = Math.max(0, Number(buf.toString('latin1', c.attrs[i * 5 + 3], c.attrs[i * 5 + 4])) || 0);
      if (want && !(colon < 0 && dropped.has(local))) {
        const span = attrSpan(c, i);
        keep += ` ${buf.toString('utf8', c.attrs[i * 5], span.end)}`;
      }
    }
    const prefix = want ? prefixOf(c) : '';
    let formula: string | null = null;
    let vSpan: { start: number; end: number } | null = null;
    if (!selfClosing) {
      const depth = c.depth;
      for (;;) {
        const k = nextTag(c);
        if (k === EOF) break;
        if (k === CLOSE) {
          if (c.depth === depth - 1) break;
          continue;
        }
        if (isMain(c, 'v')) {
          const vStart = c.tagStart;
          if (k === OPEN) skipElement(c);
          vSpan = { start: vStart, end: c.pos };
        } else if (isMain(c, 'f')) {
          formula = readFormula(c, k, r, col, shared) ?? '';
        } else if (k === OPEN) {
          skipElement(c);
        }
      }
    }
    if (want) found.set(key, { start, end: c.pos, keep, style, prefix, hasFormula: formula !== null });
    if (formula !== null) {
      // A formula whose text the reader cannot see (a shared one without its master) may read anything.
      const refs = formula === '' ? { areas: [], opaque: true } : formulaRefs(formula);
      const cut = [vSpan, vSpan ? tSpan : null].filter((s): s is { start: number; end: number } => s !== null);
      formulas.push({ row: r, col, refs, cut });
    }
  };

  walkSheet(cur, {
    cell: readCell,
    outside: (c, k) => {
      if (k === OPEN && !isMain(c, 'worksheet')) skipElement(c);
    },
  });
  return { found, formulas, buf, converted: buf !== bytes && !(bytes[0] === 0xef && bytes[1] === 0xbb) };
}

function cellXml(at: FoundCell, cell: string, value: CellValue, style: number | null): string {
  const p = at.prefix;
  const s = style !== null && style > 0 ? ` s="${style}"` : '';
  const open = `<${p}c r="${cell}"${at.keep}${s}`;
  if (value === null || value === '') return `${open}/>`;
  if (typeof value === 'number') return `${open}><${p}v>${String(value)}</${p}v></${p}c>`;
  if (typeof value === 'boolean') return `${open} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `${open} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

function utf8Declaration(buf: Buffer): XmlEdit[] {
  const head = buf.toString('latin1', 0, Math.min(buf.length, 200));
  const m = /encoding\s*=\s*["']UTF-16["']/i.exec(head);
  return m ? [{ start: m.index, end: m.index + m[0].length, text: 'encoding="UTF-8"' }] : [];
}

/** `<calcPr fullCalcOnLoad="1">`: its own attribute set, or the element added where CT_Workbook puts it. */
function fullCalcOnLoad(bytes: Buffer): Buffer {
  const cur = openXml(bytes);
  const after = new Set(['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst']);
  let prefix = '';
  for (let k = nextTag(cur); k !== EOF; k = nextTag(cur)) {
    if (k === CLOSE) {
      if (cur.depth === 0) return applyEdits(cur.buf, [{ start: cur.tagStart, end: cur.tagStart, text: `<${prefix}calcPr fullCalcOnLoad="1"/>` }]);
      continue;
    }
    if (cur.depth === (k === OPEN ? 1 : 0)) {
      prefix = prefixOf(cur);
      continue;
    }
    if (isMain(cur, 'calcPr')) {
      const i = findAttr(cur, 'fullCalcOnLoad');
      const edit = i >= 0
        ? { start: cur.attrs[i * 5 + 3], end: cur.attrs[i * 5 + 4], text: '1' }
        : { start: attrInsertPoint(cur, k === EMPTY), end: attrInsertPoint(cur, k === EMPTY), text: ' fullCalcOnLoad="1"' };
      return applyEdits(cur.buf, [edit]);
    }
    let name = '';
    for (const n of after) if (isMain(cur, n)) name = n;
    if (name) return applyEdits(cur.buf, [{ start: cur.tagStart, end: cur.tagStart, text: `<${prefix}calcPr fullCalcOnLoad="1"/>` }]);
    if (k === OPEN) skipElement(cur);
  }
  return bytes;
}

/**
 * The workbook `bytes` with `fixes` written. The caller has read the same bytes with the reader first, so the
 * file is a workbook within the reader's bounds; the same inflate bound holds here.
 */
export function patchWorkbookCells(bytes: Buffer, fixes: readonly CellFix[]): PatchOutcome {
  const zip = openZip(bytes);
  const budget: InflateBudget = { left: defaultReadLimits.maxUnpackedBytes, limit: defaultReadLimits.maxUnpackedBytes };
  const workbookName = workbookPartName(zip, budget);
  const workbookEntry = findEntry(zip, workbookName)!;
  const workbookBytes = readEntry(zip, workbookEntry, budget);
  const workbook = parseWorkbookPart(workbookBytes);
  const rels = relationshipsOf(zip, workbookName, budget);
  const folder = workbookName.slice(0, workbookName.lastIndexOf('/') + 1);
  const stylesEntry = findEntry(zip, rels?.find((r) => r.type === 'styles' && !r.external)?.target ?? `${folder}styles.xml`);
  const styles: StylesPatch | null = stylesEntry ? patchStyles(readEntry(zip, stylesEntry, budget)) : null;

  const sheets: Array<{ name: string; entry: ZipEntry; scan: ScannedSheet; fixes: Map<number, CellFix> }> = [];
  const bySheet = new Map<string, CellFix[]>();
  for (const f of fixes) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  workbook.sheets.forEach((s, i) => {
    const target = worksheetTarget(s, i, rels, folder);
    const entry = target === 'not-a-worksheet' || target.part === null ? undefined : findEntry(zip, target.part);
    if (!entry) return;
    const name = sheetNameOf(s, i);
    const wanted = new Map<number, CellFix>();
    for (const f of bySheet.get(name) ?? []) {
      const ref = parseCellRef(Buffer.from(f.cell, 'latin1'), 0, f.cell.length);
      if (ref >= 0) wanted.set(ref, f);
    }
    sheets.push({ name, entry, scan: scanSheet(readEntry(zip, entry, budget), new Set(wanted.keys())), fixes: wanted });
  });

  const written: CellFix[] = [];
  const skipped: PatchOutcome['skipped'] = [];
  let formatsLeftOut = 0;
  const edits = new Map<ZipEntry, XmlEdit[]>();
  // Changed cells per sheet (lower-cased, as Excel compares sheet names), formulas included once cleared.
  const changed = new Map<string, Array<{ r: number; c: number }>>();
  const addChanged = (sheet: string, r: number, c: number) => {
    const key = sheet.toLowerCase();
    const list = changed.get(key);
    if (list) list.push({ r, c });
    else changed.set(key, [{ r, c }]);
  };
  for (const f of fixes) {
    if (!sheets.some((s) => s.name === f.sheet)) skipped.push({ fix: f, reason: 'no-sheet' });
  }
  for (const s of sheets) {
    const list: XmlEdit[] = [];
    for (const [key, fix] of s.fixes) {
      const at = s.scan.found.get(key);
      if (!at) {
        skipped.push({ fix, reason: 'no-cell' });
        continue;
      }
      if (at.hasFormula) {
        skipped.push({ fix, reason: 'formula' });
        continue;
      }
      let style: number | null = at.style;
      if (fix.numberFormat !== undefined && typeof fix.value === 'number') {
        if (styles) {
          if (styles.formatOf(at.style) !== fix.numberFormat) style = styles.styleWith(at.style, fix.numberFormat);
        } else formatsLeftOut++;
      }
      list.push({ start: at.start, end: at.end, text: cellXml(at, fix.cell, fix.value, style) });
      written.push(fix);
      addChanged(s.name, Math.floor(key / MAX_COLS), key % MAX_COLS);
    }
    edits.set(s.entry, list);
  }

  // Formulas that read a changed cell, until no more do: each one cleared is a changed cell for the others.
  const cleared: string[] = [];
  const done = new Set<FormulaCell>();
  const reads = (f: FormulaCell, own: string) =>
    f.refs.opaque ||
    f.refs.areas.some((a) => (changed.get((a.sheet ?? own).toLowerCase()) ?? []).some((x) => x.r >= a.r1 && x.r <= a.r2 && x.c >= a.c1 && x.c <= a.c2));
  for (let more = written.length > 0; more; ) {
    more = false;
    for (const s of sheets) {
      for (const f of s.scan.formulas) {
        if (done.has(f) || !reads(f, s.name)) continue;
        done.add(f);
        more = true;
        edits.get(s.entry)!.push(...f.cut.map((c) => ({ ...c, text: '' })));
        addChanged(s.name, f.row, f.col);
        cleared.push(`${s.name}!${cellName(f.row, f.col)}`);
      }
    }
  }

  const replaced = new Map<ZipEntry, Buffer>();
  for (const s of sheets) {
    const list = edits.get(s.entry)!;
    if (list.length === 0) continue;
    replaced.set(s.entry, applyEdits(s.scan.buf, s.scan.converted ? [...list, ...utf8Declaration(s.scan.buf)] : list));
  }
  const stylesBytes = styles?.finish();
  if (stylesEntry && stylesBytes) replaced.set(stylesEntry, stylesBytes);
  if (cleared.length > 0) replaced.set(workbookEntry, fullCalcOnLoad(workbookBytes));
  return { bytes: replaced.size > 0 ? rewriteZip(zip, replaced) : bytes, written, skipped, cleared, formatsLeftOut };
}
