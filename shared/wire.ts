/**
 * The service's HTTP contract, declared once for the service (server/routes) and the task pane (addin/api.ts):
 * the body of POST /api/snapshots, its answers (201, 200, 409, 422, 400 unknown-based-on), the districts and
 * trend answers, the health answer and the shape of every error. Types only, so the pane imports no code.
 * The service parses requests with zod (server/save-check.ts), and its schema is held to SnapshotRequest there.
 */
import type { Issue, Lang, Report, SheetGrid, Summary } from './schemas';
import type { SnapshotDiff, SnapshotMeta } from './snapshot';

export type { SnapshotDiff, SnapshotMeta };

/** POST /api/snapshots: a workbook's sheets (as Office.js hands them over) to check and store as a version. */
export interface SnapshotRequest {
  /** The programme year, when the sheets do not say it. */
  year?: number;
  /** The language of the report's messages (default Danish). */
  lang?: Lang;
  /** Where the figures came from: stored with the snapshot, never read as data. */
  source?: { workbook?: string | null; sheets?: string[] };
  /** The id of the year's snapshot the sender's copy started from; null or absent for the year's first save. */
  basedOn?: string | null;
  /** Store even though `basedOn` is not the year's latest snapshot (after the sender has seen the diff). */
  force?: boolean;
  /** The budget / membership sheet by name, or false for none; by default found by name or header row. */
  budgetSheet?: string | false;
  membershipSheet?: string | false;
  /** The workbook counts dates from 1904 (WorkbookInput.date1904); where absent, the 1900 system. */
  date1904?: boolean;
  sheets: SheetGrid[];
}

/** The report as a save answers it: without its rows (the sender has them; GET /api/snapshots/:id gives them). */
export type ReportWithoutRows = Omit<Report, 'data'>;

/** 201: stored as the year's latest snapshot. 200: the content equals the year's latest, which is answered. */
export interface SavedAnswer {
  snapshot: SnapshotMeta;
  existing: boolean;
  /**
   * 201 only: the newest earlier snapshot of the year with the same content. The figures went back to it, and
   * are now the year's latest again (a new snapshot whose parent is the one they replace).
   */
  revertOf: SnapshotMeta | null;
  /** A sentence for the user when the save needs one (a revert); absent otherwise. */
  message?: string;
  report: ReportWithoutRows;
}

/** Which snapshot an answer was made from. */
export interface SnapshotRef {
  id: string;
  createdAt: string;
  hash: string;
}

/** A field of a request that is not valid, e.g. `{ path: "sheets.0.values.3.1", message }`. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** Every error answer: 400, 401, 403, 404, 409, 413, 415, 422, 500, 503. */
export interface ErrorAnswer<Code extends string = string, Extra extends object = object> {
  error: { code: Code; message: string } & Extra;
}

/** 400: the request's body, query or path is not valid; `issues` point at the fields. */
export type InvalidRequestAnswer = ErrorAnswer<'invalid-body' | 'invalid-query' | 'invalid-path', { issues: ApiIssue[] }>;

/**
 * Which conflict a 409 is, so the pane can say it plainly:
 * - 'saved-since': the copy names a version (basedOn) and someone has saved a newer one since;
 * - 'not-from-this-year': the copy names no version (first save from a copy), but the year already has one.
 */
export type ConflictCase = 'saved-since' | 'not-from-this-year';

/** 409: the sender's copy does not build on the year's latest version; nothing was stored. */
export type ConflictAnswer = ErrorAnswer<'conflict', { case: ConflictCase; latest: SnapshotMeta; diff: SnapshotDiff }>;

/** 422: the workbook has errors; nothing was stored. */
export type InvalidWorkbookAnswer = ErrorAnswer<'invalid-workbook', { issues: Issue[] }> & { report: Report };

/** 400: basedOn names no snapshot of the year. */
export type UnknownBasedOnAnswer = ErrorAnswer<'unknown-based-on'>;

/** 503: the database cannot be reached now; the request can be sent again (a save of the same figures is safe). */
export type DatabaseUnavailableAnswer = ErrorAnswer<'database-unavailable'>;

/** GET /api/years/:year/districts: the totals of the year's latest (or the asked) snapshot, by shared/summary.ts. */
export type DistrictTotalsAnswer = { year: number; snapshot: SnapshotRef } & Summary;

/** GET /api/districts/trend?from=&to=: the same for each year of the span that has a snapshot. */
export interface TrendAnswer {
  from: number;
  to: number;
  years: DistrictTotalsAnswer[];
}

/** GET /api/health: 200 when the service and its database answer, 503 with the reason when the database does not. */
export type HealthAnswer =
  | { status: 'ok'; database: 'pglite' | 'postgresql'; schemaVersion: string }
  | ({ status: 'unavailable'; database: 'pglite' | 'postgresql'; schemaVersion: string } & DatabaseUnavailableAnswer);
