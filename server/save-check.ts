/**
 * A save's checks, apart from the database: the body read as JSON and against its schema, the workbook
 * validated (the service never trusts the add-in), and everything a snapshot stores made ready: the content
 * hash, the report and the rows as JSON text. The previous year's membership is the one thing it asks of
 * its caller.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  langSchema, readWorkbook, sheetGridSchema, validateReading,
  type Lang, type ModelId, type PreviousMembership, type ProgrammeConfig, type Report, type ValidateOptions, type WorkbookInput,
} from '../shared/index';
import { canonicalSnapshot, type SnapshotContent } from '../shared/snapshot';
import type { ReportWithoutRows, SnapshotRequest } from '../shared/wire';
import { textField, versionId, zodIssues, type ApiIssue } from './api-issues';
import { sheetTextIssues } from './sheet-text';
import { storedBudgetRow, storedMembershipRow } from './db/stored-rows';
import { defaultReadLimits } from './xlsx/parse-xlsx';

/** Excel's limits for a sheet's name and a file's name (with its folder, as Windows allows). */
const SHEET_NAME = 31;
const FILE_NAME = 255;

/**
 * Every text of the body but the cells goes through textField (hostile text and CPR numbers refused, naming
 * the field); the cells are the core's to report, with their address.
 */
export const saveSchema = z.object({
  year: z.number().int().min(1900).max(2200).optional(),
  lang: langSchema.optional(),
  source: z
    .object({ workbook: textField(FILE_NAME).nullable().optional(), sheets: z.array(textField(SHEET_NAME)).max(255).optional() })
    .optional(),
  basedOn: versionId.nullable().optional(),
  force: z.boolean().optional(),
  budgetSheet: z.union([textField(SHEET_NAME), z.literal(false)]).optional(),
  membershipSheet: z.union([textField(SHEET_NAME), z.literal(false)]).optional(),
  date1904: z.boolean().optional(),
  sheets: z.array(sheetGridSchema.extend({ name: textField(SHEET_NAME, { min: 1 }) })).min(1).max(255),
}).superRefine((b, ctx) => {
  // The same bound as the reader's on a file's cells, so a body cannot ask more of the check than a file can.
  let cells = 0;
  for (const sheet of b.sheets) for (const row of sheet.values) cells += row.length;
  if (cells > defaultReadLimits.maxCells) ctx.addIssue({ code: 'custom', message: 'msg:too-many-cells', path: ['sheets'] });
}) satisfies z.ZodType<SnapshotRequest, SnapshotRequest>;

export type CheckOptions = Pick<ValidateOptions, 'year' | 'lang' | 'budgetSheet' | 'membershipSheet'>;

/** The previous year's membership, for `change-vs-previous`: the service's, read from the database. */
export type PreviousOf = (year: number) => Promise<PreviousMembership | null>;

/** A valid snapshot, ready to store: what it is, and its report and rows as the JSON text stored. */
export interface PreparedSave {
  year: number;
  model: ModelId;
  hash: string;
  /** The report without its rows, and as the JSON text stored. */
  report: ReportWithoutRows;
  reportJson: string;
  budgetJson: string;
  membershipJson: string;
  budgetRows: number;
  membershipRows: number;
  /** The sheets the report read, for the snapshot's source when the sender names none. */
  usedSheets: string[];
}

export type CheckedWorkbook = { kind: 'invalid'; report: Report } | { kind: 'valid'; save: PreparedSave };

/** What a JSON save asks for besides its workbook. */
export interface SaveWishes {
  source: { workbook: string | null; sheets: string[] };
  basedOn: string | null;
  force: boolean;
}

export type CheckedBody =
  | { kind: 'malformed-json'; position: number | null }
  | { kind: 'invalid-body'; issues: ApiIssue[] }
  | { kind: 'checked'; wishes: SaveWishes; workbook: CheckedWorkbook };

/** validateWorkbook with the previous year's membership from the service, so `change-vs-previous` can fire. */
/**
 * The most findings a report lists. Its counts stay whole; a sheet of a million wrong rows would otherwise
 * answer (and store) a million findings, where the first thousand say what is wrong and how to fix it.
 */
export const MAX_REPORTED_ISSUES = 1_000;

const severityRank = { error: 0, warning: 1, info: 2 } as const;

/** The report with at most MAX_REPORTED_ISSUES findings: errors before warnings before information, each kind in its order. */
export function capIssues(report: Report): Report {
  if (report.issues.length <= MAX_REPORTED_ISSUES) return report;
  const kept = report.issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => severityRank[a.issue.severity] - severityRank[b.issue.severity] || a.i - b.i)
    .slice(0, MAX_REPORTED_ISSUES)
    .sort((a, b) => a.i - b.i);
  return { ...report, issues: kept.map((k) => k.issue) };
}

export async function checkReport(workbook: WorkbookInput, options: CheckOptions, config: ProgrammeConfig, previousOf: PreviousOf): Promise<Report> {
  // The service's reports are read by API callers: fix texts name the route's year parameter.
  const reading = readWorkbook(workbook, { ...options, config, surface: 'api' });
  const previous = reading.year === null ? null : await previousOf(reading.year - 1);
  return capIssues(validateReading(reading, { ...options, config, surface: 'api', previousMembership: previous ?? undefined }));
}

/**
 * A snapshot holds association-level figures only (DOMAIN.md, snapshots): the consultant column names a member
 * of staff, so it stays in the workbook.
 */
export function forStorage(report: Report): Report {
  if (!report.data.budget.some((b) => b.consultant !== null)) return report;
  return { ...report, data: { ...report.data, budget: report.data.budget.map((b) => ({ ...b, consultant: null })) } };
}

export function contentHash(content: SnapshotContent): string {
  return createHash('sha256').update(canonicalSnapshot(content)).digest('hex');
}

export async function checkForSave(workbook: WorkbookInput, options: CheckOptions, config: ProgrammeConfig, previousOf: PreviousOf): Promise<CheckedWorkbook> {
  const report = forStorage(await checkReport(workbook, options, config, previousOf));
  if (!report.ok || report.year === null || report.model === null) return { kind: 'invalid', report };
  const { data, ...withoutRows } = report;
  return {
    kind: 'valid',
    save: {
      year: report.year,
      model: report.model,
      hash: contentHash({ year: report.year, model: report.model, budget: data.budget, membership: data.membership }),
      // Stored, and echoed in the answer, without the rows: the sender has them, and GET gives them as stored.
      report: withoutRows,
      reportJson: JSON.stringify(withoutRows),
      budgetJson: JSON.stringify(data.budget.map(storedBudgetRow)),
      membershipJson: JSON.stringify(data.membership.map(storedMembershipRow)),
      budgetRows: data.budget.length,
      membershipRows: data.membership.length,
      usedSheets: [report.sheets.budget?.name, report.sheets.membership?.name].filter((s): s is string => !!s),
    },
  };
}

/** Where JSON.parse stopped, from its message, without the engine's text (which quotes the body). */
export function jsonErrorPosition(error: unknown): number | null {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return m ? Number(m[1]) : null;
}

/**
 * POST /api/snapshots' body, from its text to a checked workbook. `lang` is the request's language: the
 * findings about the body are in it, and so is the report unless the body asks for another.
 */
export async function checkSaveBody(text: string, config: ProgrammeConfig, previousOf: PreviousOf, lang: Lang = 'da'): Promise<CheckedBody> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed-json', position: jsonErrorPosition(error) };
  }
  const parsed = saveSchema.safeParse(data);
  if (!parsed.success) return { kind: 'invalid-body', issues: zodIssues(parsed.error, lang, data) };
  const b = parsed.data;
  const textIssues = sheetTextIssues(b.sheets, lang);
  if (textIssues.length > 0) return { kind: 'invalid-body', issues: textIssues };
  const options = { year: b.year, lang: b.lang ?? lang, budgetSheet: b.budgetSheet, membershipSheet: b.membershipSheet };
  return {
    kind: 'checked',
    wishes: { source: { workbook: b.source?.workbook ?? null, sheets: b.source?.sheets ?? [] }, basedOn: b.basedOn ?? null, force: b.force ?? false },
    workbook: await checkForSave({ sheets: b.sheets, ...(b.date1904 ? { date1904: true } : {}) }, options, config, previousOf),
  };
}
