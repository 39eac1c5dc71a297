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
  private readonly totals = new Map<string, DistrictTotalsResult>();
  private readonly latest = new Map<number, StoredSnapshot | null>();
  private readonly members = new Map<number, PreviousMembership | null>();
  private readonly sharedLatest = new Map<number, { snapshot: StoredSnapshot | null; until: number }>();
  private readonly sharedMembers = new Map<number, { members: PreviousMembership | null; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly config: ProgrammeConfig,
    /** True when no other process writes this database. */
    private readonly soleWriter: boolean,
  ) {}

  async districtTotals(snapshotId: string): Promise<DistrictTotalsResult> {
    const hit = this.totals.get(snapshotId);
    if (hit) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.totals.delete(snapshotId);
      this.totals.set(snapshotId, hit);
      return hit;
    }
    const result = await districtTotals(this.db, snapshotId, this.config);
    this.totals.set(snapshotId, result);
    if (this.totals.size > MAX_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    return result;
  }

  async latestSnapshot(year: number): Promise<StoredSnapshot | null> {
    if (!this.soleWriter) {
      // Another instance may save at any time: its snapshot shows here within LATEST_TTL_MS. Our own saves
      // show at once (saved() forgets the year).
      const hit = this.sharedLatest.get(year);
      const now = Date.now();
      if (hit && hit.until > now) return hit.snapshot;
      const snapshot = await latestSnapshot(this.db, year);
      this.sharedLatest.set(year, { snapshot, until: now + LATEST_TTL_MS });
      return snapshot;
    }
    if (this.latest.has(year)) return this.latest.get(year)!;
    const found = await latestSnapshot(this.db, year);
    this.latest.set(year, found);
    return found;
  }

  async membershipOfYear(year: number): Promise<PreviousMembership | null> {
    if (!this.soleWriter) {
      // Every save asks for the year before its own: trusted for LATEST_TTL_MS like the latest snapshot (it
      // only feeds the change-vs-previous warning), two queries less per save.
      const hit = this.sharedMembers.get(year);
      const now = Date.now();
      if (hit && hit.until > now) return hit.members;
      const members = await membershipOfYear(this.db, year);
      this.sharedMembers.set(year, { members, until: now + LATEST_TTL_MS });
      return members;
    }
    if (this.members.has(year)) return this.members.get(year)!;
    const found = await membershipOfYear(this.db, year);
    this.members.set(year, found);
    return found;
  }

  /** Called after this process stored a snapshot. */
  saved(snapshot: StoredSnapshot): void {
    this.latest.delete(snapshot.year);
    this.sharedLatest.delete(snapshot.year);
    this.members.delete(snapshot.year);
    this.sharedMembers.delete(snapshot.year);
  }
}
