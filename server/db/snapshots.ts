/** Snapshot storage: immutable rows per snapshot; "latest of a year" is the highest insertion sequence. */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { BudgetRow, MembershipRow, PreviousMembership, Report } from '../../shared/index';
import type { SnapshotMeta } from '../../shared/snapshot';

export type { SnapshotMeta };
import { rowsOf, type Db } from './connect';
import { budgetFromStored, membershipFromStored } from './stored-rows';
import { batched } from './save-batches';
import { snapshots, type SnapshotRecord } from './schema';

/** The database, or a transaction on it. */
type Executor = Pick<Db, 'execute'>;

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
export const snapshotRef = (s: StoredSnapshot) => ({ id: s.id, createdAt: s.createdAt, hash: s.hash });

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
  return { budget: stored.budget.map(budgetFromStored), membership: stored.membership.map(membershipFromStored) };
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
  | { kind: 'created'; snapshot: StoredSnapshot }
  | { kind: 'existing'; snapshot: StoredSnapshot }
  | { kind: 'conflict'; latest: StoredSnapshot }
  | { kind: 'unknown-based-on' };

/**
 * Stores a validated snapshot unless the same content exists (→ existing) or the sender's `basedOn` is
 * not the year's newest snapshot (→ conflict, unless forced). Saves arriving together are decided and
 * stored together (see save-batches.ts); the answer is the one a save on its own would get.
 */
export function insertSnapshot(db: Db, s: NewSnapshot): Promise<InsertOutcome> {
  let queue = saveQueues.get(db);
  if (!queue) {
    queue = batched((batch: NewSnapshot[]) => insertSnapshots(db, batch), MAX_SAVES_PER_BATCH);
    saveQueues.set(db, queue);
  }
  return queue(s);
}

/** Enough to take a whole burst of senders at once; the insert stays a few tens of milliseconds. */
const MAX_SAVES_PER_BATCH = 64;
const saveQueues = new WeakMap<Db, (s: NewSnapshot) => Promise<InsertOutcome>>();
/** A locked batch starts over when an instance saving the unlocked way got in first; this many times, then it fails. */
const MAX_ATTEMPTS = 5;

/** A save of this batch that will be stored: the index into the batch's new snapshots. */
type Pending = { pending: number };
type Decision =
  | { kind: 'created'; pending: number }
  | { kind: 'existing' | 'conflict'; of: StoredSnapshot | Pending }
  | { kind: 'unknown-based-on' };

/**
 * Decides a batch of saves in arrival order and stores the new ones with one INSERT. A save sees the ones
 * before it in the batch exactly as if they had been stored before it. Each new snapshot names the latest
 * one it followed (parent_id, unique per year) and its content hash is unique, so if anything was stored
 * meanwhile, by this instance or another, the INSERT fails as a whole.
 *
 * The fast way, one round trip and no lock: when this process knows each year's latest snapshot (it
 * stored or read it) and every save in the batch would be stored on top of it, the batch is decided on
 * that alone. Otherwise, or when that INSERT fails because another instance stored first, the batch is
 * decided on a read of what is there now, in a transaction that holds its years' save lock (five round
 * trips). Other instances' locked saves wait for it, so two instances saving the same year settle in turn
 * instead of refusing each other's INSERTs over and over; after such a failure this process takes the
 * locked way for a while (CONTENDED_MS), so that its own unlocked INSERTs do not keep failing either.
 */
export async function insertSnapshots(db: Db, batch: NewSnapshot[]): Promise<InsertOutcome[]> {
  let tips = latestKnown.get(db);
  if (!tips) latestKnown.set(db, (tips = new Map()));
  const known = (contendedUntil.get(db) ?? 0) < Date.now() ? knownState(batch, tips) : null;
  if (known) {
    try {
      const outcomes = await decideAndStore(db, batch, known, tips, true);
      if (outcomes) return outcomes;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      contendedUntil.set(db, Date.now() + CONTENDED_MS);
    }
  }
  const years = [...new Set(batch.map((s) => s.year))].sort((a, b) => a - b);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // In year order, so that two batches with the same years cannot wait for each other.
        for (const year of years) await tx.execute(sql`select pg_advisory_xact_lock(${SAVE_LOCK_KEY}, ${year})`);
        return (await decideAndStore(tx, batch, await readSaveState(tx, batch), tips, false))!;
      });
    } catch (error) {
      // Only an instance that saved the unlocked way in between gets here (it then takes the locked way too).
      if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/** The first key of the per-year save locks (pg_advisory_xact_lock(key, year)); the migration lock is another. */
const SAVE_LOCK_KEY = 0x5a7e;
/** How long after another instance got in first this process saves the locked way only. */
const CONTENDED_MS = 30_000;
const contendedUntil = new WeakMap<Db, number>();

/** Per database: the latest snapshot of each year as this process last stored or read it. */
const latestKnown = new WeakMap<Db, Map<number, StoredSnapshot>>();

/** What the batch would be decided on without a read, or null when a save needs one. */
function knownState(batch: NewSnapshot[], tips: Map<number, StoredSnapshot>): SaveState | null {
  const latest = new Map<number, StoredSnapshot>();
  for (const s of batch) {
    const tip = tips.get(s.year);
    if (!tip || (s.basedOn !== null && s.basedOn !== tip.id)) return null;
    latest.set(s.year, tip);
  }
  const base = [...latest.values()].filter((tip) => batch.some((s) => s.basedOn === tip.id));
  return { same: [], base, latest: [...latest.values()] };
}

/**
 * Decides and stores; with `onlyCreates` (the fast way), answers null instead when a save would not be
 * stored, since a conflict must be answered with the real latest snapshot, which only a read can tell.
 */
async function decideAndStore(
  db: Executor, batch: NewSnapshot[], { same, base: bases, latest }: SaveState, tips: Map<number, StoredSnapshot>, onlyCreates: boolean,
): Promise<InsertOutcome[] | null> {
  if (!onlyCreates) for (const r of latest) tips.set(r.year, r);
  const byHash = new Map<string, StoredSnapshot | Pending>(same.map((r) => [r.hash, r]));
  const latestOfYear = new Map<number, StoredSnapshot | Pending>(latest.map((r) => [r.year, r]));
  const yearOf = new Map(bases.map((b) => [b.id, b.year]));
  const created: NewRecord[] = [];
  const idOf = (r: StoredSnapshot | Pending) => ('pending' in r ? created[r.pending].id : r.id);
  const decisions = batch.map((s): Decision => {
    const existing = byHash.get(s.hash);
    if (existing) return { kind: 'existing', of: existing };
    if (s.basedOn !== null && yearOf.get(s.basedOn) !== s.year) return { kind: 'unknown-based-on' };
    const newest = latestOfYear.get(s.year);
    if (newest && idOf(newest) !== s.basedOn && !s.force) return { kind: 'conflict', of: newest };
    const pending = { pending: created.push({ id: randomUUID(), parentId: newest ? idOf(newest) : null, s }) - 1 };
    byHash.set(s.hash, pending);
    latestOfYear.set(s.year, pending);
    return { kind: 'created', pending: pending.pending };
  });
  if (onlyCreates && decisions.some((d) => d.kind !== 'created' && !(d.kind === 'existing' && 'pending' in d.of))) return null;

  const stored = created.length ? await storeSnapshots(db, created) : [];
  for (const r of stored) tips.set(r.year, r);
  const resolve = (r: StoredSnapshot | Pending) => ('pending' in r ? stored[r.pending] : r);
  return decisions.map((d): InsertOutcome => {
    switch (d.kind) {
      case 'created': return { kind: 'created', snapshot: stored[d.pending] };
      case 'existing': return { kind: 'existing', snapshot: resolve(d.of) };
      case 'conflict': return { kind: 'conflict', latest: resolve(d.of) };
      case 'unknown-based-on': return d;
    }
  });
}

interface RawMeta {
  part: 'same' | 'base' | 'latest';
  id: string;
  seq: number | string;
  year: number;
  model: string;
  hash: string;
  source_workbook: string | null;
  source_sheets: string[];
  based_on: string | null;
  created_by: string;
  created_at: Date | string;
  budget_rows: number;
  membership_rows: number;
}

type SaveState = Record<RawMeta['part'], StoredSnapshot[]>;

/** What a batch is decided on, in one query: snapshots with its hashes, its basedOn ids, its years' latest. */
async function readSaveState(db: Executor, batch: NewSnapshot[]): Promise<SaveState> {
  const list = (values: Array<string | number>) => sql.join(values.map((v) => sql`${v}`), sql`, `);
  const hashes = [...new Set(batch.map((s) => s.hash))];
  const basedOn = [...new Set(batch.flatMap((s) => (s.basedOn === null ? [] : [s.basedOn])))];
  const years = [...new Set(batch.map((s) => s.year))];
  const columns = sql.raw(`id, seq, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at,
    budget_rows, membership_rows`);
  const result = await db.execute(sql`
    select 'same' as part, ${columns} from snapshots where hash in (${list(hashes)})
    ${basedOn.length ? sql`union all select 'base', ${columns} from snapshots where id in (${list(basedOn)})` : sql``}
    union all
    (select distinct on (year) 'latest', ${columns} from snapshots where year in (${list(years)}) order by year, seq desc)`);
  const parts: SaveState = { same: [], base: [], latest: [] };
  for (const r of rowsOf<RawMeta>(result)) {
    parts[r.part].push(toStored({
      id: r.id, seq: Number(r.seq), year: r.year, model: r.model, hash: r.hash, sourceWorkbook: r.source_workbook,
      sourceSheets: r.source_sheets, basedOn: r.based_on, createdBy: r.created_by, createdAt: new Date(r.created_at),
      budgetRows: r.budget_rows, membershipRows: r.membership_rows,
    }));
  }
  return parts;
}

/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

interface NewRecord {
  id: string;
  parentId: string | null;
  s: NewSnapshot;
}

/**
 * Inserts new snapshots with one statement, whatever their number. Each value is a parameter of its own:
 * wrapping the batch in one JSON document made the database parse it all (~0.1 ms per KB on PGlite).
 * VALUES rows are inserted in order, so the sequence follows the batch and "latest" is the last saved.
 */
async function storeSnapshots(db: Executor, created: NewRecord[]): Promise<StoredSnapshot[]> {
  const values = created.map(({ id, parentId, s }) => sql`(${id}, ${s.year}, ${s.model}, ${s.hash}, ${s.source.workbook}, ${JSON.stringify(s.source.sheets)},
      ${s.basedOn}, ${parentId}, ${s.createdBy}, ${s.createdAt.toISOString()}, ${s.budgetRows}, ${s.membershipRows},
      ${s.reportJson}, ${s.budgetJson}, ${s.membershipJson})`);
  const result = await db.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, parent_id, created_by, created_at,
                           budget_rows, membership_rows, report, budget, membership)
    values ${sql.join(values, sql`, `)}
    returning id, seq`);
  const seqOf = new Map(rowsOf<{ id: string; seq: number | string | bigint }>(result).map((r) => [r.id, Number(r.seq)]));
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
    rows: { budget: s.budgetRows, membership: s.membershipRows },
  }));
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
