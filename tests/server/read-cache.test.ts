import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_TTL_MS, ReadCache } from '../../server/db/read-cache';
import { copenhagen } from '../../shared/index';
import { testDatabases } from './databases';
import { snapshotBody, workbook } from './fixtures';
import { startService, type TestService } from './service';

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`reads shared with other instances on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });

    it("another instance's save shows in the latest snapshot of a year within the TTL, our own at once", async () => {
      const other = new ReadCache(s.database.db, copenhagen, false);
      expect(await other.latestSnapshot(2025)).toBeNull();
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
      expect(res.status).toBe(201);
      const saved = (await res.json()).snapshot;
      // Still the answer it read a moment ago…
      expect(await other.latestSnapshot(2025)).toBeNull();
      // …until the TTL has passed.
      await new Promise((r) => setTimeout(r, LATEST_TTL_MS + 100));
      expect((await other.latestSnapshot(2025))?.id).toBe(saved.id);
      // A save through this cache's own process is seen at once.
      const mine = new ReadCache(s.database.db, copenhagen, false);
      expect((await mine.latestSnapshot(2025))?.id).toBe(saved.id);
      mine.saved({ ...saved, id: 'not-cached-any-more' });
      expect((await mine.latestSnapshot(2025))?.id).toBe(saved.id);
    });
  });
}

describe('reads that arrive together', () => {
  const pglite = testDatabases.find((d) => d.kind === 'pglite')!;
  let s: TestService;
  beforeAll(async () => {
    s = await startService(pglite);
  });
  afterAll(async () => {
    await s?.drop();
  });

  it('share one load while it runs, and a save meanwhile makes the next read load again', async () => {
    const reads = new ReadCache(s.database.db, copenhagen, true);
    const first = reads.latestSnapshot(2025);
    expect(reads.latestSnapshot(2025)).toBe(first);
    expect(reads.membershipOfYear(2024)).toBe(reads.membershipOfYear(2024));
    const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
    const saved = (await res.json()).snapshot;
    // The save lands while `first` may still be loading: the cache forgets it rather than keep its answer.
    reads.saved(saved);
    const after = reads.latestSnapshot(2025);
    expect(after).not.toBe(first);
    expect((await after)?.id).toBe(saved.id);
    const totals = reads.districtTotals(saved.id);
    expect(reads.districtTotals(saved.id)).toBe(totals);
    expect((await totals).total.associations).toBe(21);
  });
});
