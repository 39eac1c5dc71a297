/**
 * Saves that arrive at the same time wait for each other on their year's lock, each in its own transaction,
 * and each gets the answer it would get on its own: new content is stored once, the same content sent many
 * times at once is one snapshot, and of several senders starting from the same copy only the first is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSnapshots } from '../../server/db/snapshots';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

/** The 2025 workbook with one association's member count changed: new content for each k. */
function variant(k: number, year = 2025) {
  const rows = associations2025();
  rows[k % rows.length].totalMembers = 100_000 + k;
  return workbook(year, rows);
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`concurrent saves on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });
    const save = (body: Record<string, unknown>) => s.request('/api/snapshots', { method: 'POST', json: body });

    it('stores every new content once, across years, and the newest of a year is one of them', async () => {
      const bodies = Array.from({ length: 30 }, (_, k) => snapshotBody(variant(k, k % 3 === 0 ? 2026 : 2025), { force: true }));
      const responses = await Promise.all(bodies.map(save));
      expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
      const saved = await Promise.all(responses.map(async (r) => (await r.json()).snapshot));
      expect(new Set(saved.map((x) => x.id)).size).toBe(30);
      expect(await countSnapshots(s.database.db)).toBe(30);

      // Every stored snapshot reads back with its own rows.
      for (const k of [0, 7, 29]) {
        const back = await (await s.request(`/api/snapshots/${saved[k].id}`, { token: 'reader' })).json();
        const changed = associations2025()[k % 21].association;
        expect(back.membership.find((m: { association: string }) => m.association === changed).totalMembers).toBe(100_000 + k);
      }
      // The newest of a year is the one saved last, and its totals are the ones the districts route gives.
      const list = await (await s.request('/api/snapshots?year=2025&limit=1', { token: 'reader' })).json();
      const districts = await (await s.request('/api/years/2025/districts', { token: 'reader' })).json();
      expect(districts.snapshot.id).toBe(list.snapshots[0].id);
      expect(saved.map((x) => x.id)).toContain(list.snapshots[0].id);
    });

    it('answers the same content sent many times at once with one snapshot', async () => {
      const body = snapshotBody(variant(500), { force: true });
      const responses = await Promise.all(Array.from({ length: 12 }, () => save(body)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).snapshot.id)));
      expect(ids.size).toBe(1);
    });

    it('of several senders starting from the same copy, stores the first and answers the rest 409', async () => {
      const base = (await (await s.request('/api/snapshots?year=2025&limit=1', { token: 'reader' })).json()).snapshots[0].id;
      const responses = await Promise.all(Array.from({ length: 8 }, (_, k) => save(snapshotBody(variant(600 + k), { basedOn: base }))));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((x) => x === 201)).toHaveLength(1);
      expect(statuses.filter((x) => x === 409)).toHaveLength(7);
      const winner = (await responses[statuses.indexOf(201)].json()).snapshot;
      for (const r of responses.filter((x) => x.status === 409)) {
        const conflict = (await r.json()).error;
        expect(conflict.latest.id).toBe(winner.id);
        expect(conflict.diff.fields.length).toBeGreaterThan(0);
      }
    });
  });
}
