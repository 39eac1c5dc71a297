import { copenhagen, modelForYear } from './config';
import { columnLetter } from './read/a1';
import { ageBands, fieldsFor, acceptedHeaders } from './read/columns';
import { findSheet, headerAt, findHeader, yearInName, type SheetChoice } from './read/find-sheets';
import { cellMemo, type CellMemo } from './read/cell-memo';
import { readRows, yearsInColumn } from './read/sheet-rows';
import { checkBudget, toBudgetRow } from './rules/budget';
import { checkBudgetAgainstMembership, checkChangeVsPrevious } from './rules/cross';
import { checkInvalidText } from './rules/invalid-text';
import type { YearSource } from './rules/catalogue';
import { addIssue, type IssueSink } from './rules/issue';
import { checkMembership, toMembershipRow } from './rules/membership';
import { checkPersonalData, scrubPersonalData } from './rules/personal-data';
import { checkSpellingVariants } from './rules/spelling-variant';
import { checkTextAmounts } from './rules/text-amount';
import type {
  BudgetRow, Issue, MembershipRow, ProgrammeModel, Report, SheetGrid, SheetInfo, SheetKind, ValidateOptions, WorkbookInput,
} from './schemas';
import { summarise, summariseJoined } from './summary';
import { indexAssociations, joinAssociations } from './rules/associations';

const KINDS: SheetKind[] = ['budget', 'membership'];

/**
 * The one entry point: reads the budget and membership sheets of a workbook as Office.js hands them over,
 * applies the whole rulebook and summarises per district. Pure: the same input gives the same report.
 */
export function validateWorkbook(workbook: WorkbookInput, options: ValidateOptions = {}): Report {
  return validateReading(readWorkbook(workbook, options), options);
}

/** Which sheets of a workbook hold the budget and the membership, and the programme year they give. */
export interface WorkbookReading {
  readonly year: number | null;
  /** The workbook counts dates from 1904 (a year cell's date serial is read in that system). */
  readonly date1904: boolean;
  readonly sheets: readonly SheetGrid[];
  readonly chosen: Readonly<Record<SheetKind, SheetChoice | null>>;
  /** What finding the sheets found wrong (sheet-not-found), in the language of the options. */
  readonly issues: readonly Issue[];
}

/**
 * The first half of validateWorkbook: find the sheets and the year, without validating. The service reads
 * a workbook once, looks up the previous year's figures with the year, then validates the same reading.
 */
export function readWorkbook(workbook: WorkbookInput, options: ValidateOptions = {}): WorkbookReading {
  const sink: IssueSink = { lang: options.lang ?? 'da', surface: options.surface, issues: [] };
  const sheets = (workbook?.sheets ?? []).map(normaliseGrid);
  const chosen = chooseSheets(sheets, options, sink);
  const date1904 = workbook?.date1904 === true;
  const named = programmeYear(chosen, date1904);
  const year = options.year ?? named?.year ?? null;
  // A year asked for that the sheets contradict: every finding follows from the wrong model, so say it first.
  if (options.year !== undefined && named && named.year !== options.year && !named.years.includes(options.year)) {
    const model = modelForYear(options.year, options.config ?? copenhagen);
    addIssue(sink, 'year-differs', { sheet: null, value: named.year }, { asked: options.year, model: model?.id ?? null, source: named.source, sheetName: named.sheet });
  }
  return { year, date1904, sheets, chosen, issues: sink.issues };
}

/**
 * The second half of validateWorkbook, on a reading made with the same options (language, sheet names,
 * year); only previousMembership and config may be added.
 */
export function validateReading(reading: WorkbookReading, options: ValidateOptions = {}): Report {
  const config = options.config ?? copenhagen;
  // This call's memo: whatever it learns about the sheets' texts goes with it.
  const memo = cellMemo(config, reading.date1904);
  const sink: IssueSink = { lang: options.lang ?? 'da', surface: options.surface, issues: [...reading.issues] };
  const { sheets, chosen, year } = reading;
  const model = year === null ? null : modelForYear(year, config);
  if (year === null || !model) {
    addIssue(sink, 'model-unknown', { sheet: null, value: year }, { expected: Math.min(...config.models.map((m) => m.fromYear)) });
  }

  for (const kind of KINDS) {
    const c = chosen[kind];
    if (c) {
      checkInvalidText(c.sheet, kind, sink);
      checkPersonalData(c.sheet, c.header.headerRow, sink, new Set(c.header.columns.values()));
    }
  }

  let budget: BudgetRow[] = [];
  let membership: MembershipRow[] = [];
  let budgetIndex = indexAssociations([]);
  let membershipIndex = budgetIndex;
  const info: Report['sheets'] = { budget: null, membership: null };
  if (chosen.budget) {
    const { sheet, header } = chosen.budget;
    checkColumns('budget', chosen.budget, model, sink);
    const read = readRows('budget', sheet, header, { sink, memo, model, year }, (v, r) => toBudgetRow(v, r, model, config));
    budget = read.rows;
    checkCells(sheet, header, budget, memo, sink);
    budgetIndex = indexAssociations(budget);
    checkBudget(budget, { sink, sheet, header, model, config, associations: budgetIndex });
    info.budget = sheetInfo('budget', chosen.budget, budget.length, read.otherYearRows);
  }
  if (chosen.membership) {
    const { sheet, header } = chosen.membership;
    checkColumns('membership', chosen.membership, model, sink);
    const read = readRows('membership', sheet, header, { sink, memo, model, year }, toMembershipRow);
    membership = read.rows;
    checkCells(sheet, header, membership, memo, sink);
    membershipIndex = indexAssociations(membership);
    checkMembership(membership, { sink, sheet, header, config, associations: membershipIndex });
    info.membership = sheetInfo('membership', chosen.membership, membership.length, read.otherYearRows);
    if (options.previousMembership && year !== null && options.previousMembership.year < year) {
      const col = header.columns.get('under25') ?? header.columns.get('age0to12') ?? 0;
      checkChangeVsPrevious(membership, options.previousMembership, sheet.name, col, config, sink);
    }
  }
  const join = joinAssociations(budgetIndex, membershipIndex);
  if (chosen.budget && chosen.membership) {
    checkBudgetAgainstMembership(
      budget, membership, join,
      { sheet: chosen.budget.sheet.name, associationCol: chosen.budget.header.columns.get('association') ?? 0 },
      { sheet: chosen.membership.sheet.name, associationCol: chosen.membership.header.columns.get('association') ?? 0 },
      sink,
    );
  }

  let issues = sortIssues(sink.issues, sheets);
  let summary = summariseJoined(budget, membership, join, model, config);
  if (issues.some((i) => i.code === 'personal-data')) {
    // Such a sheet is never stored or sent: the report carries no rows, no echo of the data and no fixes
    // (a fix's value is a cell's text, corrected).
    issues = scrubPersonalData(issues).map((i) => {
      if (!i.fix) return i;
      const { fix: _fix, ...rest } = i;
      return rest;
    });
    budget = [];
    membership = [];
    summary = summarise([], [], model, config);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[i.severity]++;
  return {
    year,
    model: model?.id ?? null,
    ok: counts.error === 0,
    counts,
    issues,
    summary,
    sheets: info,
    data: { budget, membership },
  };
}

/** The findings about single cells that carry a safe fix: amounts written as text, spelling variants. */
function checkCells(sheet: SheetGrid, header: SheetChoice['header'], rows: ReadonlyArray<{ row: number }>, memo: CellMemo, sink: IssueSink): void {
  const dataRows = rows.map((r) => r.row - 1);
  checkTextAmounts(sheet, header, dataRows, memo, sink);
  checkSpellingVariants(sheet, header, dataRows, memo, sink);
}

/** Ragged rows and missing cells are read as empty, like Excel's own grid. */
function normaliseGrid(sheet: SheetGrid): SheetGrid {
  if (Array.isArray(sheet.values) && sheet.values.every(Array.isArray)) return sheet;
  const values: unknown = sheet.values;
  return { ...sheet, values: Array.isArray(values) ? values.map((r) => (Array.isArray(r) ? r : [])) : [] };
}

function chooseSheets(sheets: SheetGrid[], options: ValidateOptions, sink: IssueSink): Record<SheetKind, SheetChoice | null> {
  const out: Record<SheetKind, SheetChoice | null> = { budget: null, membership: null };
  const available = sheets.map((s) => `"${s.name}"`).join(', ') || '—';
  for (const kind of KINDS) {
    const forced = kind === 'budget' ? options.budgetSheet : options.membershipSheet;
    if (forced === false) continue;
    if (typeof forced === 'string') {
      const sheet = sheets.find((s) => s.name === forced) ?? sheets.find((s) => s.name.toLowerCase() === forced.toLowerCase());
      if (!sheet) {
        addIssue(sink, 'sheet-not-found', { sheet: forced }, { name: forced, available, kind });
        continue;
      }
      const found = findHeader(kind, sheet);
      out[kind] = { sheet, header: found ? found.match : headerAt(kind, sheet) };
      continue;
    }
    const exclude = kind === 'membership' ? out.budget?.sheet ?? null : null;
    out[kind] = findSheet(kind, sheets, exclude, options.year);
  }
  // The budget search may have taken the only membership-like sheet by its name alone: give it back.
  if (out.budget && !out.membership && options.budgetSheet === undefined && options.membershipSheet === undefined && !findHeader('budget', out.budget.sheet)) {
    const asMembership = findHeader('membership', out.budget.sheet);
    if (asMembership) {
      out.membership = { sheet: out.budget.sheet, header: asMembership.match };
      out.budget = null;
    }
  }
  const required = options.require ?? (out.budget || out.membership ? [] : KINDS);
  for (const kind of required) {
    const forced = kind === 'budget' ? options.budgetSheet : options.membershipSheet;
    if (!out[kind] && typeof forced !== 'string') addIssue(sink, 'sheet-not-found', { sheet: null }, { kind });
  }
  // One sheet without the other is allowed, but a version saved from it lacks half the year's figures: say
  // which (unless sheet-not-found has already said so for that kind).
  for (const kind of KINDS) {
    const present = out[kind === 'budget' ? 'membership' : 'budget'];
    const forced = kind === 'budget' ? options.budgetSheet : options.membershipSheet;
    if (out[kind] || !present || typeof forced === 'string' || required.includes(kind)) continue;
    addIssue(sink, 'sheet-absent', { sheet: null }, { kind, present: present.sheet.name, notChosen: forced === false });
  }
  return out;
}

interface NamedYear {
  year: number;
  source: YearSource;
  /** The sheet that names it. */
  sheet: string;
  /** Every year the year column holds (a sheet may keep several years); [year] otherwise. */
  years: number[];
}

/** The year column, else a year in the sheet name, else in a title cell above the header (DOMAIN.md *). */
function programmeYear(chosen: Record<SheetKind, SheetChoice | null>, date1904: boolean): NamedYear | null {
  for (const kind of KINDS) {
    const c = chosen[kind];
    if (!c) continue;
    const years = yearsInColumn(c.sheet, c.header, date1904);
    if (years.length > 0) return { year: years[years.length - 1], source: 'column', sheet: c.sheet.name, years };
  }
  for (const kind of KINDS) {
    const c = chosen[kind];
    const y = c ? yearInName(c.sheet.name) : null;
    if (c && y !== null) return { year: y, source: 'name', sheet: c.sheet.name, years: [y] };
  }
  for (const kind of KINDS) {
    const c = chosen[kind];
    if (!c) continue;
    for (let r = 0; r < c.header.headerRow; r++) {
      for (const v of c.sheet.values[r] ?? []) {
        const y = typeof v === 'string' ? yearInName(v) : null;
        if (y !== null) return { year: y, source: 'title', sheet: c.sheet.name, years: [y] };
      }
    }
  }
  return null;
}

function checkColumns(kind: SheetKind, choice: SheetChoice, model: ProgrammeModel | null, sink: IssueSink): void {
  const { sheet, header } = choice;
  const at = { sheet: sheet.name, row: header.headerRow, col: 0 };
  for (const def of fieldsFor(kind)) {
    if (!def.required(model) || header.columns.has(def.field)) continue;
    addIssue(sink, 'missing-column', { ...at, field: def.field }, {
      header: def.header, model: model?.id, accepted: acceptedHeaders(def).map((h) => `"${h}"`).join(', '),
    });
  }
  if (kind === 'membership' && !header.columns.has('under25') && !ageBands.every((b) => header.columns.has(b))) {
    const defs = fieldsFor('membership');
    const under25 = defs.find((d) => d.field === 'under25')!;
    const bands = ageBands.map((b) => defs.find((d) => d.field === b)!.header);
    const accepted = acceptedHeaders(under25).map((h) => `"${h}"`).join(', ');
    addIssue(sink, 'missing-column', { ...at, field: 'under25' }, {
      header: under25.header,
      accepted: sink.lang === 'da' ? `${accepted} — eller alle tre aldersgrupper: ${bands.join(', ')}` : `${accepted} — or all three age bands: ${bands.join(', ')}`,
    });
  }
  for (const u of header.unknown) {
    addIssue(sink, 'unknown-column', { sheet: sheet.name, row: header.headerRow, col: u.col, value: u.header });
  }
  for (const d of header.duplicates) {
    const firstHeader = String(sheet.values[header.headerRow][d.firstCol]).trim();
    addIssue(sink, 'duplicate-column', { sheet: sheet.name, row: header.headerRow, col: d.col, field: d.field, value: d.header }, {
      first: columnLetter(d.firstCol), firstHeader,
    });
  }
}

function sheetInfo(kind: SheetKind, choice: SheetChoice, dataRows: number, otherYearRows: number): SheetInfo {
  const columns: Record<string, string> = {};
  for (const [field, col] of choice.header.columns) columns[field] = columnLetter(col);
  return { kind, name: choice.sheet.name, headerRow: choice.header.headerRow + 1, columns, dataRows, otherYearRows };
}

/** Workbook findings first, then sheet by sheet in workbook order, row by row, column by column. */
function sortIssues(issues: Issue[], sheets: readonly SheetGrid[]): Issue[] {
  const order = new Map(sheets.map((s, i) => [s.name, i]));
  // Each issue's place as numbers, worked out once (not in every comparison) and kept in typed arrays (not an
  // object per finding): sheet, row, column; ties keep the order the rules found them in.
  const n = issues.length;
  const sheet = new Float64Array(n);
  const row = new Float64Array(n);
  const col = new Float64Array(n);
  const place = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const issue = issues[i];
    sheet[i] = issue.sheet === null ? -1 : (order.get(issue.sheet) ?? 1e6);
    row[i] = issue.row ?? 0;
    col[i] = columnOf(issue.cell);
    place[i] = i;
  }
  place.sort((a, b) => sheet[a] - sheet[b] || row[a] - row[b] || col[a] - col[b] || a - b);
  return place.map((i) => issues[i]);
}

/** The 1-based column of an A1 address ("AB12" → 28); 0 for none. */
function columnOf(cell: string | null): number {
  let col = 0;
  if (cell) for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}
