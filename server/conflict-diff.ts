/**
 * The diff a 409 carries: what is stored as the year's latest against what the sender would put in its place.
 * Both sides arrive as the JSON text the database stores (and the save's checks made), so that a large one
 * is parsed and compared in the check worker (server/check-in-worker.ts diffInWorker), not on the event
 * loop: a 9 MB save refused against a 100,000-row version held health for 1.1 s while the stored rows were
 * parsed and compared in the request.
 */
import type { ProgrammeConfig } from '../shared/index';
import { diffSnapshots, type SnapshotContent, type SnapshotDiff } from '../shared/snapshot';
import { budgetFromStored, membershipFromStored } from './db/stored-rows';

/** A snapshot's content as stored: its rows as JSON text (server/db/stored-rows.ts shapes). */
export interface StoredContentText {
  year: number;
  model: SnapshotContent['model'];
  budgetJson: string;
  membershipJson: string;
}

export interface DiffJob {
  kind: 'diff';
  older: StoredContentText;
  newer: StoredContentText;
  config: ProgrammeConfig;
}

const contentOf = (c: StoredContentText): SnapshotContent => ({
  year: c.year,
  model: c.model,
  budget: JSON.parse(c.budgetJson).map(budgetFromStored),
  membership: JSON.parse(c.membershipJson).map(membershipFromStored),
});

export function runDiff(job: DiffJob): SnapshotDiff {
  return diffSnapshots(contentOf(job.older), contentOf(job.newer), job.config);
}

/** How many characters of stored rows the job carries. */
export const diffSize = (job: DiffJob) =>
  job.older.budgetJson.length + job.older.membershipJson.length + job.newer.budgetJson.length + job.newer.membershipJson.length;
