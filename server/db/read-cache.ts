/**
 * Memoised reads. A snapshot never changes once stored, so its district totals are kept by id (LRU).
 * "The latest snapshot of a year" and "the previous year's members" do change with every save; they are
 * cached when this process is the database's only writer (PGlite, guarded by the data-dir lock) and
 * updated by its own saves. On PostgreSQL other instances may save: the latest snapshot is trusted for one
 * second (a read a second behind another instance's save, for a query less per districts request), and so
 * are the previous year's members that each save compares with.
 */
import type { PreviousMembership, ProgrammeConfig } from '../../shared/index';
import type { Db } from './connect';
import { districtTotals, type DistrictTotalsResult } from './district-totals';
import { latestSnapshot, membershipOfYear, type StoredSnapshot } from './snapshots';

const MAX_TOTALS = 512;
/** How long, on a database other instances write to, "the latest snapshot of a year" is trusted for reads. */
export const LATEST_TTL_MS = 1_000;

export class ReadCache {
  private readonly totals = new Map<string, Promise<DistrictTotalsResult>>();
  private readonly latest = new Map<number, Remembered<StoredSnapshot | null>>();
  private readonly members = new Map<number, Remembered<PreviousMembership | null>>();

  constructor(
    private readonly db: Db,
    private readonly config: ProgrammeConfig,
    /** True when no other process writes this database. */
    private readonly soleWriter: boolean,
  ) {}

  districtTotals(snapshotId: string): Promise<DistrictTotalsResult> {
    const hit = this.totals.get(snapshotId);
    if (hit) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.totals.delete(snapshotId);
      this.totals.set(snapshotId, hit);
      return hit;
    }
    // The computation is kept, not only its result, so the requests that arrive while it runs share it.
    const result = districtTotals(this.db, snapshotId, this.config);
    this.totals.set(snapshotId, result);
    result.catch(() => {
      if (this.totals.get(snapshotId) === result) this.totals.delete(snapshotId);
    });
    if (this.totals.size > MAX_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    return result;
  }

  latestSnapshot(year: number): Promise<StoredSnapshot | null> {
    // On a shared database another instance may save at any time: its snapshot shows here within
    // LATEST_TTL_MS. Our own saves show at once (saved() forgets the year).
    return remember(this.latest, year, this.soleWriter ? Infinity : LATEST_TTL_MS, () => latestSnapshot(this.db, year));
  }

  /**
   * The year's latest snapshot when it is known and fresh now, without waiting; undefined when it would take
   * a read. For answers made without a turn of the event loop (server/fast-answers.ts).
   */
  latestSnapshotNow(year: number): StoredSnapshot | null | undefined {
    const hit = this.latest.get(year);
    return hit && hit.until > Date.now() ? hit.settled : undefined;
  }

  /** Every save asks for the year before its own; on a shared database trusted for LATEST_TTL_MS too. */
  membershipOfYear(year: number): Promise<PreviousMembership | null> {
    return remember(this.members, year, this.soleWriter ? Infinity : LATEST_TTL_MS, () => membershipOfYear(this.db, year));
  }

  /** Called after this process stored a snapshot. */
  saved(snapshot: StoredSnapshot): void {
    this.latest.delete(snapshot.year);
    this.members.delete(snapshot.year);
  }
}

interface Remembered<T> {
  value: Promise<T>;
  until: number;
  /** The value, once the load has given it. */
  settled?: T;
}

/**
 * The answer for `key` while it is fresh, else a new load. The load itself is remembered, so requests that
 * arrive while it runs share it (50 concurrent saves made 50 identical queries), and a save that forgets
 * the key meanwhile is not undone when the older load finishes.
 */
function remember<T>(map: Map<number, Remembered<T>>, key: number, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.until > now) return hit.value;
  const entry: Remembered<T> = { value: load(), until: now + ttlMs };
  map.set(key, entry);
  entry.value.then(
    (v) => (entry.settled = v),
    () => {
      if (map.get(key) === entry) map.delete(key);
    },
  );
  return entry.value;
}
