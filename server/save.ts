/**
 * The service's one business flow: a workbook is checked (server/save-check.ts) and, unless it is invalid,
 * stored in one transaction (server/db/snapshots.ts insertSnapshot) as the year's latest snapshot, unless its
 * content already is the year's latest or it was saved from a stale copy.
 */
import type { ProgrammeConfig, Report, WorkbookInput } from '../shared/index';
import type { SnapshotDiff } from '../shared/snapshot';
import type { ConflictCase } from '../shared/wire';
import { diffInWorker } from './check-in-worker';
import type { Db } from './db/connect';
import { insertSnapshot, membershipOfYear, snapshotRowsText, type StoredSnapshot } from './db/snapshots';
import { checkForSave, type CheckedWorkbook, type CheckOptions, type PreparedSave, type SaveWishes } from './save-check';

export interface SaveRequest extends SaveWishes {
  workbook: WorkbookInput;
  options: CheckOptions;
  sender: string;
  now: Date;
}

export type SaveOutcome =
  | { kind: 'invalid'; report: Report }
  | { kind: 'created'; snapshot: StoredSnapshot; revertOf: StoredSnapshot | null; save: PreparedSave }
  | { kind: 'existing'; snapshot: StoredSnapshot; save: PreparedSave }
  | { kind: 'conflict'; case: ConflictCase; latest: StoredSnapshot; diff: SnapshotDiff }
  | { kind: 'unknown-based-on'; year: number };

/** Checks and stores: uploads, the CLI's tests, the bench's seed. */
export async function saveSnapshot(db: Db, request: SaveRequest, config: ProgrammeConfig): Promise<SaveOutcome> {
  const checked = await checkForSave(request.workbook, request.options, config, (year) => membershipOfYear(db, year));
  return storeSave(db, checked, request, config);
}

export async function storeSave(
  db: Db, checked: CheckedWorkbook, request: SaveWishes & { sender: string; now: Date }, config: ProgrammeConfig,
): Promise<SaveOutcome> {
  if (checked.kind === 'invalid') return { kind: 'invalid', report: checked.report };
  const save = checked.save;
  const outcome = await insertSnapshot(db, {
    year: save.year,
    model: save.model,
    hash: save.hash,
    source: { workbook: request.source.workbook, sheets: request.source.sheets.length ? request.source.sheets : save.usedSheets },
    basedOn: request.basedOn,
    force: request.force,
    createdBy: request.sender,
    createdAt: request.now,
    reportJson: save.reportJson,
    budgetJson: save.budgetJson,
    membershipJson: save.membershipJson,
    budgetRows: save.budgetRows,
    membershipRows: save.membershipRows,
  });
  switch (outcome.kind) {
    case 'conflict': {
      // The two diverging copies: what is stored now, and what this sender would put in its place.
      const model = save.model;
      const stored = await snapshotRowsText(db, outcome.latest.id);
      const diff = await diffInWorker({
        kind: 'diff',
        older: { year: outcome.latest.year, model, ...stored },
        newer: { year: save.year, model, budgetJson: save.budgetJson, membershipJson: save.membershipJson },
        config,
      });
      return { kind: 'conflict', case: request.basedOn ? 'saved-since' : 'not-from-this-year', latest: outcome.latest, diff };
    }
    case 'unknown-based-on':
      return { kind: 'unknown-based-on', year: save.year };
    case 'created':
      return { kind: 'created', snapshot: outcome.snapshot, revertOf: outcome.revertOf, save };
    case 'existing':
      return { kind: 'existing', snapshot: outcome.snapshot, save };
  }
}
