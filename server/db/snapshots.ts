/** Snapshot storage: immutable rows per snapshot; "latest of a year" is the highest insertion sequence. */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { BudgetRow, MembershipRow, PreviousMembership, Report } from '../../shared/index';
import type { SnapshotMeta } from '../../shared/snapshot';

export type { SnapshotMeta };
import { forSaves, type Db } from './connect';
import { budgetFromStored, membershipFromStored } from './stored-rows';
import { snapshots, type SnapshotRecord } from './schema';

/** The database, or a transaction on it: drizzle's transaction has the same query builder. */
type Executor = Pick<Db, 'select' | 'selectDistinctOn' | 'insert' | 'execute'>;

/** A stored snapshot's meta plus its insertion sequence (for paging; not part of the API). */
export interface StoredSnapshot extends SnapshotMeta {
  seq: number;
}

const metaColumns = {
  id: snapshots.id,
  seq: snapshots.seq,
  year: snapshots.year,
  model: snapshots.model,
  hash: snapshots.hash,
  sourceWorkbook: snapshots.sourceWorkbook,
  sourceSheets: snapshots.sourceSheets,
  basedOn: snapshots.basedOn,
  createdBy: snapshots.createdBy,
  createdAt: snapshots.createdAt,
  budgetRows: snapshots.budgetRows,
  membershipRows: snapshots.membershipRows,
};

type MetaRecord = Omit<SnapshotRecord, 'report' | 'budget' | 'membership' | 'parentId'>;

function toStored(r: MetaRecord): StoredSnapshot {
  return {
    id: r.id,
    seq: r.seq,
    year: r.year,
    model: r.model,
    hash: r.hash,
    source: { workbook: r.sourceWorkbook, sheets: r.sourceSheets },
    basedOn: r.basedOn,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    rows: { budget: r.budgetRows, membership: r.membershipRows },
  };
}

/** The API view: everything but the internal sequence. */
export function publicMeta(s: StoredSnapshot): SnapshotMeta {
  const { seq: _seq, ...meta } = s;
  return meta;
}

/** Which snapshot an answer was made from: the districts answers and the export name it so. */
export const snapshotRef = (s: Pick<StoredSnapshot, 'id' | 'createdAt' | 'hash'>) => ({ id: s.id, createdAt: s.createdAt, hash: s.hash });

export async function getSnapshot(db: Executor, id: string): Promise<StoredSnapshot | null> {
  const [row] = await db.select(metaColumns).from(snapshots).where(eq(snapshots.id, id));
  return row ? toStored(row) : null;
}

export async function getSnapshotReport(db: Db, id: string): Promise<Omit<Report, 'data'> | null> {
  const [row] = await db.select({ report: snapshots.report }).from(snapshots).where(eq(snapshots.id, id));
  return row ? (row.report as Omit<Report, 'data'>) : null;
}

/** The newest snapshot (highest insertion sequence) that `where` selects. */
async function newest(db: Executor, where: SQL | undefined): Promise<StoredSnapshot | null> {
  const [row] = await db.select(metaColumns).from(snapshots).where(where).orderBy(desc(snapshots.seq)).limit(1);
  return row ? toStored(row) : null;
}

/** The year's newest snapshot; with `withMembership`, the newest that has membership rows. */
export function latestSnapshot(db: Executor, year: number, opts: { withMembership?: boolean } = {}): Promise<StoredSnapshot | null> {
  return newest(db, opts.withMembership ? and(eq(snapshots.year, year), gt(snapshots.membershipRows, 0)) : eq(snapshots.year, year));
}

/** The snapshot of the same year saved just before this one. */
export function previousSnapshot(db: Db, of: StoredSnapshot): Promise<StoredSnapshot | null> {
  return newest(db, and(eq(snapshots.year, of.year), lt(snapshots.seq, of.seq)));
}

export async function listSnapshots(
  db: Db, opts: { year?: number; limit: number; beforeSeq?: number },
): Promise<StoredSnapshot[]> {
  const conditions = [
    opts.year === undefined ? undefined : eq(snapshots.year, opts.year),
    opts.beforeSeq === undefined ? undefined : lt(snapshots.seq, opts.beforeSeq),
  ].filter((c) => c !== undefined);
  const rows = await db
    .select(metaColumns)
    .from(snapshots)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(snapshots.seq))
    .limit(opts.limit);
  return rows.map(toStored);
}

/** The stored rows of a snapshot, in sheet order, in the core's row shape. */
export async function snapshotRows(db: Db, id: string): Promise<{ budget: BudgetRow[]; membership: MembershipRow[] }> {
  const [stored] = await db.select({ budget: snapshots.budget, membership: snapshots.membership }).from(snapshots).where(eq(snapshots.id, id));
  if (!stored) return { budget: [], membership: [] };
  return { budget: stored.budget.map(budgetFromStored), membership: stored.membership.map(membershipFromStored) };
}

/**
 * A snapshot's stored rows as the JSON text stored, unparsed: for work that parses them off the event loop
 * (server/conflict-diff.ts). Empty arrays when there is no such snapshot.
 */
export async function snapshotRowsText(db: Db, id: string): Promise<{ budgetJson: string; membershipJson: string }> {
  const [stored] = await db
    .select({ budgetJson: sql<string>`${snapshots.budget}::text`, membershipJson: sql<string>`${snapshots.membership}::text` })
    .from(snapshots)
    .where(eq(snapshots.id, id));
  return stored ?? { budgetJson: '[]', membershipJson: '[]' };
}

/** Members under 25 per association from the newest snapshot of `year` that has membership rows. */
export async function membershipOfYear(db: Db, year: number): Promise<PreviousMembership | null> {
  const latest = await latestSnapshot(db, year, { withMembership: true });
  if (!latest) return null;
  const [stored] = await db.select({ membership: snapshots.membership }).from(snapshots).where(eq(snapshots.id, latest.id));
  const rows = (stored?.membership ?? []).map((r) => ({ association: r.association, under25: r.under_25 }));
  return { year, snapshotId: latest.id, rows };
}

export interface NewSnapshot {
  year: number;
  model: string;
  hash: string;
  source: { workbook: string | null; sheets: string[] };
  basedOn: string | null;
  force: boolean;
  createdBy: string;
  createdAt: Date;
  /** The report without its rows, and the rows as stored, as JSON: made by the save's checks (save-check.ts). */
  reportJson: string;
  budgetJson: string;
  membershipJson: string;
  budgetRows: number;
  membershipRows: number;
}

export type InsertOutcome =
  /** `revertOf`: an earlier snapshot of the year with the same content, which this one brings back. */
  | { kind: 'created'; snapshot: StoredSnapshot; revertOf: StoredSnapshot | null }
  | { kind: 'existing'; snapshot: StoredSnapshot }
  | { kind: 'conflict'; latest: StoredSnapshot }
  | { kind: 'unknown-based-on' };

/** The first key of the per-year save locks (pg_advisory_xact_lock(key, year)); the migration lock is another. */
const SAVE_LOCK_KEY = 0x5a7e;

/**
 * A save, in one transaction: take the year's lock, read the year's latest snapshot, decide, insert.
 *   existing          the content equals the year's latest: nothing is stored
 *   unknown-based-on  `basedOn` names no snapshot of the year
 *   conflict          `basedOn` is not the year's latest (none given while one exists counts), unless forced
 *   created           stored on top of the latest (its parent), even when the content equals an older
 *                     snapshot: going back to earlier figures makes them the year's latest again
 * The lock makes the saves of one year, from any number of instances on one PostgreSQL, wait for each other;
 * the unique (year, parent_id) is the database's own guard should anything insert without it, and a save
 * that runs into it is decided once more on what is there now.
 */
export async function insertSnapshot(db: Db, s: NewSnapshot): Promise<InsertOutcome> {
  try {
    return await decideAndInsert(db, s);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return decideAndInsert(db, s);
  }
}

function decideAndInsert(db: Db, s: NewSnapshot): Promise<InsertOutcome> {
  // On connections whose statements may run longer than the outage bound (server/db/save-connections.ts).
  return forSaves(db).transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SAVE_LOCK_KEY}, ${s.year})`);
    const latest = await latestSnapshot(tx, s.year);
    if (latest?.hash === s.hash) return { kind: 'existing', snapshot: latest };
    if (s.basedOn !== null && s.basedOn !== latest?.id) {
      const base = await getSnapshot(tx, s.basedOn);
      if (base?.year !== s.year) return { kind: 'unknown-based-on' };
    }
    if (latest && latest.id !== s.basedOn && !s.force) return { kind: 'conflict', latest };
    const revertOf = await newest(tx, and(eq(snapshots.year, s.year), eq(snapshots.hash, s.hash)));
    const id = randomUUID();
    const [{ seq }] = await tx
      .insert(snapshots)
      .values({
        id, year: s.year, model: s.model, hash: s.hash, sourceWorkbook: s.source.workbook, sourceSheets: s.source.sheets,
        basedOn: s.basedOn, parentId: latest?.id ?? null, createdBy: s.createdBy, createdAt: s.createdAt,
        budgetRows: s.budgetRows, membershipRows: s.membershipRows,
        // The checks made the JSON text once; it goes in as it is (json columns keep the text).
        report: sql`${s.reportJson}::json`, budget: sql`${s.budgetJson}::json`, membership: sql`${s.membershipJson}::json`,
      })
      .returning({ seq: snapshots.seq });
    const snapshot: StoredSnapshot = {
      id, seq: Number(seq), year: s.year, model: s.model, hash: s.hash, source: s.source, basedOn: s.basedOn,
      createdBy: s.createdBy, createdAt: s.createdAt.toISOString(), rows: { budget: s.budgetRows, membership: s.membershipRows },
    };
    return { kind: 'created', snapshot, revertOf };
  });
}

/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** The newest snapshot of each year in [from, to], oldest year first; with `withMembership`, the newest that has membership rows. */
export async function latestPerYear(db: Db, from: number, to: number, opts: { withMembership?: boolean } = {}): Promise<StoredSnapshot[]> {
  const rows = await db
    .selectDistinctOn([snapshots.year], metaColumns)
    .from(snapshots)
    .where(and(sql`${snapshots.year} >= ${from}`, sql`${snapshots.year} <= ${to}`, opts.withMembership ? gt(snapshots.membershipRows, 0) : undefined))
    .orderBy(asc(snapshots.year), desc(snapshots.seq));
  return rows.map(toStored);
}

export async function countSnapshots(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(snapshots);
  return row.n;
}
