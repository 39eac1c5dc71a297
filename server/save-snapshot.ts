/**
 * The service's one business flow: re-validate what a client sends (the service never trusts the add-in),
 * then store it as a snapshot unless it is invalid, already stored, or saved from a stale copy.
 */
import { createHash } from 'node:crypto';
import {
  readWorkbook, validateReading, type ProgrammeConfig, type Report, type ValidateOptions, type WorkbookInput,
} from '../shared/index';
import { canonicalSnapshot, diffSnapshots, type SnapshotContent, type SnapshotDiff } from '../shared/snapshot';
import type { Db } from './db/connect';
import type { ReadCache } from './db/read-cache';
import { insertSnapshot, snapshotRows, type StoredSnapshot } from './db/snapshots';

export type CheckOptions = Pick<ValidateOptions, 'year' | 'lang' | 'budgetSheet' | 'membershipSheet'>;

/** validateWorkbook with the previous year's membership from the service, so `change-vs-previous` can fire. */
export async function checkWorkbook(reads: ReadCache, workbook: WorkbookInput, options: CheckOptions, config: ProgrammeConfig): Promise<Report> {
  const reading = readWorkbook(workbook, { ...options, config });
  const previous = reading.year === null ? null : await reads.membershipOfYear(reading.year - 1);
  return validateReading(reading, { ...options, config, previousMembership: previous ?? undefined });
}

export function contentOf(report: Report): SnapshotContent {
  return { year: report.year!, model: report.model, budget: report.data.budget, membership: report.data.membership };
}

export function contentHash(content: SnapshotContent): string {
  return createHash('sha256').update(canonicalSnapshot(content)).digest('hex');
}

export interface SaveRequest {
  workbook: WorkbookInput;
  options: CheckOptions;
  source: { workbook: string | null; sheets: string[] };
  basedOn: string | null;
  force: boolean;
  sender: string;
  now: Date;
}

export type SaveOutcome =
  | { kind: 'invalid'; report: Report }
  | { kind: 'created' | 'existing'; snapshot: StoredSnapshot; report: Report; reportJson: string }
  | { kind: 'conflict'; latest: StoredSnapshot; diff: SnapshotDiff; report: Report }
  | { kind: 'unknown-based-on'; report: Report };

/**
 * A snapshot holds association-level figures only (DOMAIN.md, snapshots): the consultant column names a member
 * of staff, so it stays in the workbook.
 */
export function forStorage(report: Report): Report {
  if (!report.data.budget.some((b) => b.consultant !== null)) return report;
  return { ...report, data: { ...report.data, budget: report.data.budget.map((b) => ({ ...b, consultant: null })) } };
}

export async function saveSnapshot(db: Db, reads: ReadCache, request: SaveRequest, config: ProgrammeConfig): Promise<SaveOutcome> {
  const report = forStorage(await checkWorkbook(reads, request.workbook, request.options, config));
  if (!report.ok || report.year === null || report.model === null) return { kind: 'invalid', report };
  const content = contentOf(report);
  const usedSheets = [report.sheets.budget?.name, report.sheets.membership?.name].filter((s): s is string => !!s);
  // Stored, and echoed in the answer, without the rows: the sender has them, and GET gives them as stored.
  const { data, ...withoutRows } = report;
  const reportJson = JSON.stringify(withoutRows);
  const outcome = await insertSnapshot(db, {
    year: report.year,
    model: report.model,
    hash: contentHash(content),
    source: { workbook: request.source.workbook, sheets: request.source.sheets.length ? request.source.sheets : usedSheets },
    basedOn: request.basedOn,
    force: request.force,
    createdBy: request.sender,
    createdAt: request.now,
    reportJson,
    budget: data.budget,
    membership: data.membership,
  });
  if (outcome.kind === 'conflict') {
    // The two diverging copies: what is stored now, and what this sender would put in its place.
    const latestRows = await snapshotRows(db, outcome.latest.id);
    const latest: SnapshotContent = { year: outcome.latest.year, model: report.model, ...latestRows };
    return { kind: 'conflict', latest: outcome.latest, diff: diffSnapshots(latest, content, config), report };
  }
  if (outcome.kind === 'unknown-based-on') return { kind: 'unknown-based-on', report };
  if (outcome.kind === 'created') reads.saved(outcome.snapshot);
  return { kind: outcome.kind, snapshot: outcome.snapshot, report, reportJson };
}
