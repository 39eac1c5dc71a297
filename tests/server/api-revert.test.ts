/**
 * Going back to earlier figures: save A, then B (based on A), then A again (based on B). The third save is a
 * new snapshot, the year's latest, whose parent is B; the districts answer and both export files show A's
 * figures again. Only content equal to the year's latest is answered 200 "existing".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictTotalsAnswer, SavedAnswer } from '../../shared/wire';
import { countSnapshots } from '../../server/db/snapshots';
import { fetchCsvExport, readCsvExport, readXlsxExport } from './export-files';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

const figuresA = associations2025();
const figuresB = associations2025().map((r, i) => (i === 0 ? { ...r, age0to12: r.age0to12 + 40, totalMembers: r.totalMembers + 40 } : r));
const underA = figuresA[0].age0to12 + figuresA[0].age13to18 + figuresA[0].age19to24;

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`going back to earlier figures on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });
    const save = async (rows: typeof figuresA, basedOn: string | null) => {
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows), { basedOn }) });
      return { status: res.status, body: (await res.json()) as SavedAnswer };
    };
    const read = async <T>(path: string): Promise<T> => (await s.request(path, { token: 'reader' })).json() as Promise<T>;
    const bytes = async (path: string) => Buffer.from(await (await s.request(path, { token: 'reader' })).arrayBuffer());

    it('stores A again as the year\'s latest, following B, and every answer shows A\'s figures', async () => {
      const a = await save(figuresA, null);
      expect(a.status).toBe(201);
      expect(a.body.revertOf).toBeNull();
      const b = await save(figuresB, a.body.snapshot.id);
      expect(b.status).toBe(201);
      const districtsB = await read<DistrictTotalsAnswer>('/api/years/2025/districts');
      expect(districtsB.snapshot.id).toBe(b.body.snapshot.id);

      const back = await save(figuresA, b.body.snapshot.id);
      expect(back.status).toBe(201);
      expect(back.body.existing).toBe(false);
      expect(back.body.snapshot.id).not.toBe(a.body.snapshot.id);
      expect(back.body.snapshot).toMatchObject({ basedOn: b.body.snapshot.id, hash: a.body.snapshot.hash });
      expect(back.body.revertOf?.id).toBe(a.body.snapshot.id);
      expect(back.body.message).toMatch(/årets seneste version igen/);
      expect(await countSnapshots(s.database.db)).toBe(3);

      const list = await read<{ snapshots: Array<{ id: string }> }>('/api/snapshots?year=2025');
      expect(list.snapshots.map((x) => x.id)).toEqual([back.body.snapshot.id, b.body.snapshot.id, a.body.snapshot.id]);
      const diff = await read<{ from: { id: string }; diff: { fields: unknown[] } }>(`/api/snapshots/${back.body.snapshot.id}/diff`);
      expect(diff.from.id).toBe(b.body.snapshot.id);
      expect(diff.diff.fields.length).toBeGreaterThan(0);

      const districts = await read<DistrictTotalsAnswer>('/api/years/2025/districts');
      expect(districts.snapshot.id).toBe(back.body.snapshot.id);
      const { year: _y, snapshot: _s, ...totalsBack } = districts;
      const { year: _y0, snapshot: _s0, ...totalsA } = await read<DistrictTotalsAnswer>(`/api/years/2025/districts?snapshot=${a.body.snapshot.id}`);
      expect(totalsBack).toEqual(totalsA);
      expect(districts.total.membersUnder25).toBe(districtsB.total.membersUnder25 - 40);

      const xlsx = await readXlsxExport(await bytes('/api/years/2025/membership.xlsx'), 2025);
      const csv = readCsvExport(await fetchCsvExport(bytes, 2025), 2025);
      for (const file of [xlsx, csv]) {
        expect(file.associations.find((x) => x.association === figuresA[0].association)).toMatchObject({ age0to12: figuresA[0].age0to12, under25: underA });
        expect(file.total.under25).toBe(districts.total.membersUnder25);
      }
      expect(xlsx.about.get('Version-id')).toBe(back.body.snapshot.id);
    });

    it('answers the year\'s latest content 200 "existing", and a stale copy of older figures 409', async () => {
      const latest = (await read<{ snapshots: Array<{ id: string; hash: string }> }>('/api/snapshots?year=2025&limit=1')).snapshots[0];
      const same = await save(figuresA, latest.id);
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ existing: true, revertOf: null, snapshot: { id: latest.id } });

      // B's figures from a copy that still starts at B: someone has saved since, so the sender sees the diff.
      const b = (await read<{ snapshots: Array<{ id: string }> }>('/api/snapshots?year=2025')).snapshots[1];
      const stale = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, figuresB), { basedOn: b.id }) });
      expect(stale.status).toBe(409);
      expect((await stale.json()).error.latest.id).toBe(latest.id);
      expect(await countSnapshots(s.database.db)).toBe(3);
    });
  });
}
