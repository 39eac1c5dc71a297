/**
 * Ret / Ret alle sikre / Fortryd rettelser: which cells a report's safe fixes write, and the record of what
 * each cell held before, so the fixes can be taken back exactly — Excel's own undo cannot undo what an add-in
 * writes. The record lives in the workbook's add-in settings (not in a sheet, so it never reaches a version,
 * and not in the browser, so it goes with the workbook): it still works after the pane or the workbook was
 * closed. The decisions are pure functions of what the cells hold now; addin/excel.ts reads and writes.
 */
import { fixesOf } from '../shared/fixes';
import type { CellValue, Issue } from '../shared/schemas';
import { readSetting, rewriteCells, type CellContent, type CellRef, type CellWrite } from './excel';

export const fixRecordKey = 'partnerskab.fixes.v1';

/** A fix the pane may write: the cell must still hold what the check read (`expected`). */
export interface PlannedFix extends CellRef {
  code: string;
  expected: CellValue;
  value: CellValue;
  numberFormat?: string;
}

/** One cell the pane wrote: what it held before the first fix, and what the pane left in it. */
export interface FixedCell extends CellRef {
  before: CellContent;
  after: CellContent;
}

export interface FixRecord {
  cells: FixedCell[];
}

/** The issues' safe fixes, one per cell (the first where two findings fix the same cell). */
export function planFixes(issues: readonly Issue[]): PlannedFix[] {
  const byCell = new Map<string, PlannedFix>();
  const issueOf = new Map(issues.filter((i) => i.fix).map((i) => [i.fix!, i]));
  for (const { sheet, fix, code } of fixesOf(issues)) {
    const key = `${sheet}!${fix.cell}`;
    if (byCell.has(key)) continue;
    const planned: PlannedFix = { sheet, cell: fix.cell, code, expected: issueOf.get(fix)?.value ?? null, value: fix.value };
    if (fix.numberFormat !== undefined) planned.numberFormat = fix.numberFormat;
    byCell.set(key, planned);
  }
  return [...byCell.values()];
}

export function parseRecord(stored: string | null): FixRecord {
  if (stored === null) return { cells: [] };
  try {
    const parsed = JSON.parse(stored) as Partial<FixRecord>;
    return { cells: Array.isArray(parsed.cells) ? parsed.cells : [] };
  } catch {
    return { cells: [] };
  }
}

const same = (a: CellContent, b: CellContent) => a.value === b.value && a.formula === b.formula && a.numberFormat === b.numberFormat;
const keyOf = (ref: CellRef) => `${ref.sheet}!${ref.cell}`;

export interface FixDecision {
  writes: CellWrite[];
  record: FixRecord;
  fixed: PlannedFix[];
  /** Cells that no longer hold what the check read: not written. */
  changedSinceCheck: CellRef[];
}

/**
 * What to write for the planned fixes, given what their cells hold now. A cell fixed before keeps its first
 * "before" while it still holds what the pane left; if the person changed it in between, their content is the
 * new "before", so an undo never takes back their own edit.
 */
export function decideFixes(plan: readonly PlannedFix[], now: ReadonlyArray<CellContent | null>, record: FixRecord): FixDecision {
  const kept = new Map(record.cells.map((c) => [keyOf(c), c]));
  const writes: CellWrite[] = [];
  const fixed: PlannedFix[] = [];
  const changedSinceCheck: CellRef[] = [];
  plan.forEach((p, i) => {
    const current = now[i];
    if (!current || current.formula !== null || current.value !== p.expected) {
      changedSinceCheck.push({ sheet: p.sheet, cell: p.cell });
      return;
    }
    const after: CellContent = { value: p.value, formula: null, numberFormat: p.numberFormat ?? current.numberFormat };
    const earlier = kept.get(keyOf(p));
    const before = earlier && same(earlier.after, current) ? earlier.before : current;
    kept.set(keyOf(p), { sheet: p.sheet, cell: p.cell, before, after });
    writes.push({ sheet: p.sheet, cell: p.cell, content: after });
    fixed.push(p);
  });
  return { writes, record: { cells: [...kept.values()] }, fixed, changedSinceCheck };
}

export interface UndoDecision {
  writes: CellWrite[];
  restored: CellRef[];
  /** Cells changed since the fix (or on a sheet that is gone): left as they are. */
  changedSince: CellRef[];
}

/** Puts back each fixed cell that still holds what the pane wrote; the record is used up either way. */
export function decideUndo(record: FixRecord, now: ReadonlyArray<CellContent | null>): UndoDecision {
  const writes: CellWrite[] = [];
  const restored: CellRef[] = [];
  const changedSince: CellRef[] = [];
  record.cells.forEach((c, i) => {
    const current = now[i];
    const ref = { sheet: c.sheet, cell: c.cell };
    if (!current || !same(current, c.after)) {
      changedSince.push(ref);
      return;
    }
    writes.push({ ...ref, content: c.before });
    restored.push(ref);
  });
  return { writes, restored, changedSince };
}

// ------------------------------------------------------------------------------------ in the workbook

export type FixOutcome = Pick<FixDecision, 'fixed' | 'changedSinceCheck'>;

/** Writes the issues' safe fixes into the workbook and records what the cells held. */
export function applySafeFixes(issues: readonly Issue[]): Promise<FixOutcome> {
  const plan = planFixes(issues);
  return rewriteCells<FixOutcome>(fixRecordKey, {
    cells: () => plan,
    decide: (now, stored) => {
      const d = decideFixes(plan, now, parseRecord(stored));
      return { writes: d.writes, store: d.record.cells.length > 0 ? JSON.stringify(d.record) : null, result: { fixed: d.fixed, changedSinceCheck: d.changedSinceCheck } };
    },
  });
}

export type UndoOutcome = Pick<UndoDecision, 'restored' | 'changedSince'>;

/** Puts back what the fixed cells held, except cells changed since; forgets the record. */
export function undoFixes(): Promise<UndoOutcome> {
  return rewriteCells<UndoOutcome>(fixRecordKey, {
    cells: (stored) => parseRecord(stored).cells,
    decide: (now, stored) => {
      const d = decideUndo(parseRecord(stored), now);
      return { writes: d.writes, store: null, result: { restored: d.restored, changedSince: d.changedSince } };
    },
  });
}

/** How many cells the workbook remembers as fixed (what Fortryd rettelser would put back). */
export async function rememberedFixes(): Promise<number> {
  return parseRecord(await readSetting(fixRecordKey)).cells.length;
}
