/**
 * A save refused because the year has a version it did not start from answers 409 with the diff between the
 * two copies. When the stored version is large (6,000 membership rows, over a megabyte of stored rows), the
 * diff is made in the check worker from the stored JSON text (server/conflict-diff.ts): the answer is the same
 * kind of diff as for a small one, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { largeMembershipXlsx } from './large-workbooks';
import { startService, type TestService } from './service';

const ROWS = 6_000;

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`a conflict with a large stored version on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('answers 409 with every association of either copy in the diff', async () => {
      const big = await s.request('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(largeMembershipXlsx(ROWS)), headers: { 'content-type': XLSX_TYPE } });
      expect(big.status).toBe(201);
      const latest = (await big.json()).snapshot;
      expect(latest.rows.membership).toBe(ROWS);

      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: 'conflict', case: 'not-from-this-year', latest: { id: latest.id } });
      const { added, removed } = body.error.diff.associations;
      expect(removed).toHaveLength(ROWS);
      expect(removed[0]).toBe('Forening 1');
      expect(removed.at(-1)).toBe(`Forening ${ROWS}`);
      expect([...added].sort()).toEqual(associations2025().map((a) => a.association).sort());
      expect(body.error.diff.same).toBe(false);
      const members = body.error.diff.totals.find((t: { scope: string; field: string }) => t.scope === 'total' && t.field === 'totalMembers');
      expect(members).toMatchObject({ old: ROWS * 40 });
    });
  });
}
