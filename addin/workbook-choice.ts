/**
 * Which sheet is the budget, which the membership sheet, which programme year — detected by the core from
 * the sheets' names and first rows — and the pane's use of a report (what to highlight, how to group).
 * Pure: no Office, no DOM.
 */
// The core's modules directly rather than shared/index: the index also builds the zod schemas, which the pane
// never parses with and which would be four fifths of its bundle.
import { copenhagen } from '../shared/config';
import type { Issue, Lang, Report, Severity, WorkbookInput } from '../shared/schemas';
import { validateWorkbook } from '../shared/validate';
import type { CellRef } from './excel';

export interface Choice {
  budgetSheet: string | null;
  membershipSheet: string | null;
  /** null: the sheets do not say the year and the person has not chosen one yet (never the machine's year). */
  year: number | null;
}

export interface Detection {
  choice: Choice;
  /** Which parts of the choice the core found itself (the rest are defaults the user should look at). */
  detected: { budgetSheet: boolean; membershipSheet: boolean; year: boolean };
}

export function detectChoice(outline: WorkbookInput, lang: Lang): Detection {
  const report = validateWorkbook(outline, { lang });
  const budgetSheet = report.sheets.budget?.name ?? null;
  const membershipSheet = report.sheets.membership?.name ?? null;
  // A year the sheets do not give is asked for, never taken from the clock: the CLI says model-unknown for
  // the same workbook, and a budget checked against the wrong year's rules says "no errors" wrongly.
  const year = report.year;
  return {
    choice: { budgetSheet, membershipSheet, year },
    detected: { budgetSheet: budgetSheet !== null, membershipSheet: membershipSheet !== null, year: report.year !== null },
  };
}

/** From the programme's first year to next year (budgets are made a year ahead), and the chosen year. */
export function yearOptions(chosen: number | null, now: Date): number[] {
  const first = Math.min(...copenhagen.models.map((m) => m.fromYear));
  const last = Math.max(now.getFullYear() + 1, chosen ?? 0);
  const years: number[] = [];
  for (let y = last; y >= Math.min(first, chosen ?? first); y--) years.push(y);
  return years;
}

export function chosenSheets(choice: Choice): string[] {
  return [choice.budgetSheet, choice.membershipSheet].filter((s): s is string => s !== null);
}

/** Runs the rulebook on exactly the chosen sheets, for the chosen year. */
export function validateChoice(workbook: WorkbookInput, choice: Choice, lang: Lang): Report {
  const kinds = [choice.budgetSheet ? 'budget' : null, choice.membershipSheet ? 'membership' : null].filter((k): k is 'budget' | 'membership' => k !== null);
  return validateWorkbook(workbook, {
    // Without a year the core finds it in the sheets as the CLI does, or says model-unknown.
    year: choice.year ?? undefined,
    lang,
    surface: 'pane',
    budgetSheet: choice.budgetSheet ?? false,
    membershipSheet: choice.membershipSheet ?? false,
    require: kinds,
  });
}

/** Errors and warnings that point at a cell; notes (unknown columns, total rows) are not problems. */
export function highlightTargets(report: Report): CellRef[] {
  return report.issues
    .filter((i) => i.severity !== 'info' && i.sheet !== null && i.cell !== null)
    .map((i) => ({ sheet: i.sheet as string, cell: i.cell as string }));
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface IssueGroup {
  /** null: findings about the workbook as a whole. */
  sheet: string | null;
  issues: Issue[];
}

/** Issues per sheet in the order the sheets were chosen; inside a sheet errors first, then by row. */
export function groupIssues(report: Report, sheetOrder: string[]): IssueGroup[] {
  const groups = new Map<string | null, Issue[]>();
  for (const issue of report.issues) {
    const list = groups.get(issue.sheet) ?? [];
    list.push(issue);
    groups.set(issue.sheet, list);
  }
  const rank = (sheet: string | null) => (sheet === null ? -1 : sheetOrder.includes(sheet) ? sheetOrder.indexOf(sheet) : sheetOrder.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([sheet, issues]) => ({
      sheet,
      issues: issues.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || (a.row ?? 0) - (b.row ?? 0)),
    }));
}
