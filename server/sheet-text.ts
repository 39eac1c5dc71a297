/**
 * The one rule for text (shared/text-safety.ts) over the cells of the sheets a JSON save sends: the .xlsx
 * reader applies it to a file's cells as it reads them (server/xlsx/sheet-part.ts), and this does the same for
 * sheets that arrive as JSON, so that neither route stores a text PostgreSQL, UTF-8 or the .xlsx export
 * cannot hold. Each finding names its field and its cell; the text itself is never repeated.
 */
import type { Lang, SheetGrid } from '../shared/schemas';
import { describeTextProblem, textProblem } from '../shared/text-safety';
import type { ApiIssue } from '../shared/wire';
import { cellName } from './xlsx/cell-address';
import { cellRef } from './xlsx/read-messages';

/** As many findings as a 400 lists (server/api-issues.ts zodIssues lists as many). */
const MAX_FINDINGS = 50;

/** The grids of a sheet that hold text: its values, its formulas and its number formats. */
const textGrids = ['values', 'formulas', 'numberFormat'] as const;

export function sheetTextIssues(sheets: SheetGrid[], lang: Lang): ApiIssue[] {
  const issues: ApiIssue[] = [];
  sheets.forEach((sheet, s) => {
    for (const field of textGrids) {
      const grid = sheet[field];
      if (!grid) continue;
      for (let r = 0; r < grid.length && issues.length < MAX_FINDINGS; r++) {
        const row = grid[r];
        for (let c = 0; c < row.length && issues.length < MAX_FINDINGS; c++) {
          const v = row[c];
          if (typeof v !== 'string') continue;
          const problem = textProblem(v);
          if (problem) issues.push({ path: `sheets.${s}.${field}.${r}.${c}`, message: describeTextProblem(problem, cellRef(sheet.name, cellName(r, c), lang), lang) });
        }
      }
    }
  });
  return issues;
}
