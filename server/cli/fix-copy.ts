/**
 * `validate FILE --fix NEW.xlsx`: the report's safe fixes written into a copy of the file's own bytes (see
 * server/xlsx/patch-cells.ts for what changes in the copy and what does not), read back and checked before it
 * is written, and the lines that say what changed: each cell, before → after.
 */
import { validateWorkbook } from '../../shared/index';
import type { CellValue, Report } from '../../shared/schemas';
import { patchWorkbookCells, type CellFix, type SkipReason } from '../xlsx/patch-cells';
import { readWorkbookFile } from '../xlsx/read-workbook';
import { countsText } from './format-report';
import { UsageError, type CliContext } from './io';
import { writeOutputFile } from './output-file';

export interface FixedCopy {
  text: string;
  json: {
    file: string;
    cells: Array<{ sheet: string; cell: string; code: string; before: CellValue; after: CellValue; numberFormat?: string }>;
    skipped: Array<{ sheet: string; cell: string; reason: SkipReason }>;
    recalculated: string[];
    copy: Report['counts'];
  };
}

function shown(v: CellValue, empty: string): string {
  if (v === null || v === '') return empty;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Writes the copy (never over `file`, never over an existing `out` without force) and says what it changed; null when there is nothing to fix. */
export async function writeFixedCopy(bytes: Buffer, report: Report, names: { file: string; out: string; force: boolean }, ctx: CliContext): Promise<FixedCopy | null> {
  const { w, lang } = ctx;
  const issues = report.issues.filter((i) => i.fix && i.sheet !== null);
  if (issues.length === 0) return null;
  const fixes: CellFix[] = issues.map((i) => ({ sheet: i.sheet!, ...i.fix! }));
  const outcome = patchWorkbookCells(bytes, fixes);
  let copyReport: Report;
  try {
    copyReport = validateWorkbook(await readWorkbookFile(outcome.bytes, { label: names.out }), { lang, year: report.year ?? undefined, surface: 'cli' });
  } catch {
    throw new UsageError(w.fixUnreadable(names.out));
  }
  await writeOutputFile(names.out, outcome.bytes, { force: names.force, option: '--fix' }, w);

  const written = new Set(outcome.written);
  const cells: FixedCopy['json']['cells'] = [];
  const lines = [w.fixHeader(names.out, outcome.written.length)];
  fixes.forEach((fix, k) => {
    if (!written.has(fix)) return;
    const issue = issues[k];
    const withFormat = fix.numberFormat !== undefined && typeof fix.value === 'number' && outcome.formatsLeftOut === 0;
    cells.push({ sheet: fix.sheet, cell: fix.cell, code: issue.code, before: issue.value as CellValue, after: fix.value, ...(withFormat && { numberFormat: fix.numberFormat }) });
    const after = typeof fix.value === 'number' ? `${shown(fix.value, w.fixEmpty)} (${w.fixNumber(withFormat ? fix.numberFormat : undefined)})` : shown(fix.value, w.fixEmpty);
    lines.push(`  ${`${fix.sheet}!${fix.cell}`.padEnd(16)} ${shown(issue.value as CellValue, w.fixEmpty)} → ${after}`);
  });
  for (const s of outcome.skipped) lines.push(w.fixSkipped(`${s.fix.sheet}!${s.fix.cell}`, s.reason));
  if (outcome.cleared.length > 0) lines.push(w.fixRecalculated(outcome.cleared));
  if (outcome.formatsLeftOut > 0) lines.push(w.fixFormatsLeftOut(outcome.formatsLeftOut));
  lines.push(w.fixCopyReport(countsText(copyReport.counts, lang)), w.fixWrote(names.out, names.file));
  return {
    text: lines.join('\n') + '\n',
    json: {
      file: names.out,
      cells,
      skipped: outcome.skipped.map((s) => ({ sheet: s.fix.sheet, cell: s.fix.cell, reason: s.reason })),
      recalculated: outcome.cleared,
      copy: copyReport.counts,
    },
  };
}
