import { MAX_CELL_CHARS, textProblem } from '../text-safety';
import type { SheetGrid, SheetKind } from '../schemas';
import { forEveryCell } from './every-cell';
import { addIssue, type IssueSink } from './issue';

/**
 * Characters textProblem may object to: controls other than tab/LF/CR, surrogates (a valid pair is let through
 * by textProblem), non-characters. One native test per cell; textProblem's own loop only where it matches.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;

/**
 * `invalid-text`: a cell of a chosen sheet, or the sheet's name, holds what the stores and formats downstream
 * cannot (shared/text-safety.ts). Reported at the cell, never echoing the text; an error, so nothing is saved.
 */
export function checkInvalidText(sheet: SheetGrid, kind: SheetKind, sink: IssueSink): void {
  const nameProblem = textProblem(sheet.name);
  // The name itself is not repeated: the finding is about the workbook, naming which sheet by its kind.
  if (nameProblem) addIssue(sink, 'invalid-text', { sheet: null }, { problem: nameProblem, what: 'sheet-name', kind });
  forEveryCell(sheet.values, (v, r, c) => {
    if (typeof v !== 'string' || (v.length <= MAX_CELL_CHARS && !SUSPECT.test(v))) return;
    const problem = textProblem(v);
    if (problem) addIssue(sink, 'invalid-text', { sheet: sheet.name, row: r, col: c }, { problem, what: 'cell', kind });
  });
}
