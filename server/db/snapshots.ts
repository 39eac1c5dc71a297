/** Snapshot storage: immutable rows per snapshot; "latest of a year" is the highest insertion sequence. */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { BudgetRow, MembershipRow, PreviousMembership, Report } from '../../shared/index';
import { snapshotAssociationKey, type SnapshotMeta } from '../../shared/snapshot';

export type { SnapshotMeta };
import type { Db } from './connect';
import { batched } from './save-batches';
import { snapshots, type SnapshotRecord, type StoredBudgetRow, type StoredMembershipRow } from './schema';

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

type MetaRecord = Omit<SnapshotRecord, 'report' | 'budget' | 'membership'>;

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

export async function getSnapshot(db: Db, id: string): Promise<StoredSnapshot | null> {
  const [row] = await db.select(metaColumns).from(snapshots).where(eq(snapshots.id, id));
  return row ? toStored(row) : null;
}

export async function getSnapshotReport(db: Db, id: string): Promise<Omit<Report, 'data'> | null> {
  const [row] = await db.select({ report: snapshots.report }).from(snapshots).where(eq(snapshots.id, id));
  return row ? (row.report as Omit<Report, 'data'>) : null;
}

function prepareLatest(db: Db, withMembership: boolean) {
  const year = eq(snapshots.year, sql.placeholder('year'));
  return db
    .select(metaColumns)
    .from(snapshots)
    .where(withMembership ? and(year, gt(snapshots.membershipRows, 0)) : year)
    .orderBy(desc(snapshots.seq))
    .limit(1)
    .prepare(withMembership ? 'latest_snapshot_with_membership' : 'latest_snapshot');
}

// The hottest query (every districts request on PostgreSQL): built once per database, not per request.
const preparedLatest = new WeakMap<Db, Record<'any' | 'membership', ReturnType<typeof prepareLatest>>>();

/** The year's newest snapshot; with `withMembership`, the newest that has membership rows. */
export async function latestSnapshot(db: Db, year: number, opts: { withMembership?: boolean } = {}): Promise<StoredSnapshot | null> {
  let prepared = preparedLatest.get(db);
  if (!prepared) {
    prepared = { any: prepareLatest(db, false), membership: prepareLatest(db, true) };
    preparedLatest.set(db, prepared);
  }
  const [row] = await prepared[opts.withMembership ? 'membership' : 'any'].execute({ year });
  return row ? toStored(row) : null;
}

/** The snapshot of the same year saved just before this one. */
export async function previousSnapshot(db: Db, of: StoredSnapshot): Promise<StoredSnapshot | null> {
  const [row] = await db
    .select(metaColumns)
    .from(snapshots)
    .where(and(eq(snapshots.year, of.year), lt(snapshots.seq, of.seq)))
    .orderBy(desc(snapshots.seq))
    .limit(1);
  return row ? toStored(row) : null;
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
  return {
    budget: stored.budget.map((r) => ({
      row: r.row, association: r.association, district: r.district, localArea: r.local_area,
      tier: r.tier as BudgetRow['tier'], grant: r.grant, cofinancing: r.cofinancing, hours: r.hours, salary: r.salary,
      agreementTerms: r.agreement_terms, fundingSource: r.funding_source as BudgetRow['fundingSource'],
      consultant: r.consultant, since: r.since, year: r.year,
    })),
    membership: stored.membership.map((r) => ({
      row: r.row, association: r.association, year: r.year, age0to12: r.age_0_to_12, age13to18: r.age_13_to_18,
      age19to24: r.age_19_to_24, under25: r.under_25, girls: r.girls, boys: r.boys, totalMembers: r.total_members,
    })),
  };
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
  report: Report;
}

export type InsertOutcome =
  | { kind: 'created'; snapshot: StoredSnapshot }
  | { kind: 'existing'; snapshot: StoredSnapshot }
  | { kind: 'conflict'; latest: StoredSnapshot }
  | { kind: 'unknown-based-on' };

/** A constant naming this service's per-year save lock (the second key is the year). */
const SAVE_LOCK_KEY = 4711;

/**
 * Stores a validated snapshot unless the same content exists (→ existing) or the sender's `basedOn` is
 * not the year's newest snapshot (→ conflict, unless forced). Saves arriving together share one
 * transaction (see save-batches.ts); the answer is the one a save on its own would get.
 */
export function insertSnapshot(db: Db, s: NewSnapshot): Promise<InsertOutcome> {
  let queue = saveQueues.get(db);
  if (!queue) {
    queue = batched((batch: NewSnapshot[]) => insertSnapshots(db, batch), MAX_SAVES_PER_TRANSACTION);
    saveQueues.set(db, queue);
  }
  return queue(s);
}

/** Enough to take a whole burst of senders at once; the transaction stays a few milliseconds. */
const MAX_SAVES_PER_TRANSACTION = 64;
const saveQueues = new WeakMap<Db, (s: NewSnapshot) => Promise<InsertOutcome>>();

/** A save of this batch that will be stored: the index into the batch's new snapshots. */
type Pending = { pending: number };
type Decision =
  | { kind: 'created'; pending: number }
  | { kind: 'existing' | 'conflict'; of: StoredSnapshot | Pending }
  | { kind: 'unknown-based-on' };

/**
 * Decides and stores a batch of saves in arrival order, in one transaction under the per-year advisory
 * locks of the years it touches, so saves from other instances cannot slip in between the checks and the
 * inserts. A save sees the ones before it in the batch exactly as if they had been committed before it.
 */
export async function insertSnapshots(db: Db, batch: NewSnapshot[]): Promise<InsertOutcome[]> {
  return db.transaction(async (tx) => {
    // Locks in year order, so two instances locking the same years cannot deadlock.
    const years = [...new Set(batch.map((s) => s.year))].sort((a, b) => a - b);
    for (const year of years) await tx.execute(sql`select pg_advisory_xact_lock(${SAVE_LOCK_KEY}, ${year})`);

    const hashes = [...new Set(batch.map((s) => s.hash))];
    const basedOnIds = [...new Set(batch.flatMap((s) => (s.basedOn === null ? [] : [s.basedOn])))];
    const same = await tx.select(metaColumns).from(snapshots).where(inArray(snapshots.hash, hashes));
    const bases = basedOnIds.length
      ? await tx.select({ id: snapshots.id, year: snapshots.year }).from(snapshots).where(inArray(snapshots.id, basedOnIds))
      : [];
    const latest = await tx
      .selectDistinctOn([snapshots.year], metaColumns)
      .from(snapshots)
      .where(inArray(snapshots.year, years))
      .orderBy(asc(snapshots.year), desc(snapshots.seq));

    const byHash = new Map<string, StoredSnapshot | Pending>(same.map((r) => [r.hash, toStored(r)]));
    const latestOfYear = new Map<number, StoredSnapshot | Pending>(latest.map((r) => [r.year, toStored(r)]));
    const yearOf = new Map(bases.map((b) => [b.id, b.year]));
    const created: Array<{ id: string; s: NewSnapshot }> = [];
    const decisions = batch.map((s): Decision => {
      const existing = byHash.get(s.hash);
      if (existing) return { kind: 'existing', of: existing };
      if (s.basedOn !== null && yearOf.get(s.basedOn) !== s.year) return { kind: 'unknown-based-on' };
      const newest = latestOfYear.get(s.year);
      const newestId = newest && ('pending' in newest ? created[newest.pending].id : newest.id);
      if (newest && newestId !== s.basedOn && !s.force) return { kind: 'conflict', of: newest };
      const pending = { pending: created.push({ id: randomUUID(), s }) - 1 };
      byHash.set(s.hash, pending);
      latestOfYear.set(s.year, pending);
      return { kind: 'created', pending: pending.pending };
    });

    const stored = created.length ? await storeSnapshots(tx as unknown as Db, created) : [];
    const resolve = (r: StoredSnapshot | Pending) => ('pending' in r ? stored[r.pending] : r);
    return decisions.map((d): InsertOutcome => {
      switch (d.kind) {
        case 'created': return { kind: 'created', snapshot: stored[d.pending] };
        case 'existing': return { kind: 'existing', snapshot: resolve(d.of) };
        case 'conflict': return { kind: 'conflict', latest: resolve(d.of) };
        case 'unknown-based-on': return d;
      }
    });
  });
}

/** A budget row as the snapshot stores it (the columns of the budget_rows view). */
function storedBudgetRow(r: BudgetRow): StoredBudgetRow {
  return {
    row: r.row, association_key: snapshotAssociationKey(r.association), association: r.association,
    district: r.district, local_area: r.localArea, tier: r.tier, grant: r.grant, cofinancing: r.cofinancing,
    hours: r.hours, salary: r.salary, agreement_terms: r.agreementTerms, funding_source: r.fundingSource,
    consultant: r.consultant, since: r.since, year: r.year,
  };
}

function storedMembershipRow(r: MembershipRow): StoredMembershipRow {
  return {
    row: r.row, association_key: snapshotAssociationKey(r.association), association: r.association,
    year: r.year, age_0_to_12: r.age0to12, age_13_to_18: r.age13to18, age_19_to_24: r.age19to24,
    under_25: r.under25, girls: r.girls, boys: r.boys, total_members: r.totalMembers,
  };
}

/**
 * Inserts new snapshots with one statement, whatever their number. Each value is a parameter of its own:
 * wrapping the batch in one JSON document made the database parse it all (~0.1 ms per KB on PGlite).
 * VALUES rows are inserted in order, so the sequence follows the batch and "latest" is the last saved.
 */
async function storeSnapshots(tx: Db, created: Array<{ id: string; s: NewSnapshot }>): Promise<StoredSnapshot[]> {
  const values = created.map(({ id, s }) => {
    const { data, ...report } = s.report;
    return sql`(${id}, ${s.year}, ${s.model}, ${s.hash}, ${s.source.workbook}, ${JSON.stringify(s.source.sheets)},
      ${s.basedOn}, ${s.createdBy}, ${s.createdAt.toISOString()}, ${data.budget.length}, ${data.membership.length},
      ${JSON.stringify(report)}, ${JSON.stringify(data.budget.map(storedBudgetRow))},
      ${JSON.stringify(data.membership.map(storedMembershipRow))})`;
  });
  const result = await tx.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at,
                           budget_rows, membership_rows, report, budget, membership)
    values ${sql.join(values, sql`, `)}
    returning id, seq`);
  const seqOf = new Map(resultRows<{ id: string; seq: number | string | bigint }>(result).map((r) => [r.id, Number(r.seq)]));
  return created.map(({ id, s }) => ({
    id,
    seq: seqOf.get(id)!,
    year: s.year,
    model: s.model,
    hash: s.hash,
    source: { workbook: s.source.workbook, sheets: s.source.sheets },
    basedOn: s.basedOn,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    rows: { budget: s.report.data.budget.length, membership: s.report.data.membership.length },
  }));
}

/** node-postgres answers a raw query with a QueryResult, PGlite with { rows }: both have `rows`. */
function resultRows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The newest snapshot of each year in [from, to], oldest year first. */
export async function latestPerYear(db: Db, from: number, to: number): Promise<StoredSnapshot[]> {
  const rows = await db
    .selectDistinctOn([snapshots.year], metaColumns)
    .from(snapshots)
    .where(and(sql`${snapshots.year} >= ${from}`, sql`${snapshots.year} <= ${to}`))
    .orderBy(asc(snapshots.year), desc(snapshots.seq));
  return rows.map(toStored);
}

export async function countSnapshots(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(snapshots);
  return row.n;
}
