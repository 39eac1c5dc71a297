import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../shared/index';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

/** The shared core's summary of the workbook: the districts answer is it, made from the stored rows. */
function coreTotals(wb: ReturnType<typeof workbook>) {
  return validateWorkbook(wb).summary;
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`district totals on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('says so when a year has no snapshot yet', async () => {
      const res = await s.request('/api/years/2025/districts', { token: 'reader' });
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toContain('2025');
    });

    it('computes per district, local area and programme exactly the numbers of the shared summary', async () => {
      const wb = workbook();
      const saved = await (await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb) })).json();
      const res = await s.request('/api/years/2025/districts', { token: 'reader' });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.year).toBe(2025);
      expect(body.snapshot).toEqual({ id: saved.snapshot.id, createdAt: saved.snapshot.createdAt, hash: saved.snapshot.hash });
      const { year: _y, snapshot: _s, ...totals } = body;
      expect(totals).toEqual(coreTotals(wb));
      expect(body.districts.map((d: { district: string }) => d.district)).toContain('Bydækkende');
      expect(body.total.associations).toBe(21);
    });

    it('agrees with the shared summary on awkward data: unmatched members, missing bands, decimals', async () => {
      const rows = associations2025(4);
      rows[3].cofinancing = 50_000.5;
      rows[5].hours = 30.25;
      const wb = workbook(2025, rows);
      // A membership row without a budget row (a warning, not an error) and one without age bands.
      wb.sheets[1].values.push(['Ny Forening', 2025, '', '', '', 150, 300]);
      wb.sheets[1].values[4] = [rows[3].association, 2025, '', '', '', 140, 500];
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb, { force: true }) });
      expect(saved.status).toBe(201);
      const body = await (await s.request('/api/years/2025/districts', { token: 'reader' })).json();
      const { year: _y, snapshot: _s, ...totals } = body;
      expect(totals).toEqual(coreTotals(wb));
      // The member without a budget row is counted under "Uden bydel", so the bydele add up to the total.
      expect(body.districts.at(-1)).toMatchObject({ district: 'Uden bydel', associations: 1, membersUnder25: 150, grant: 0 });
      expect(body.total.membersUnder25).toBe(body.districts.reduce((n: number, d: { membersUnder25: number }) => n + d.membersUnder25, 0));
    });

    it('gives an earlier snapshot of the year on request, and the latest per year over a span', async () => {
      const list = await (await s.request('/api/snapshots?year=2025', { token: 'reader' })).json();
      const older = list.snapshots[1];
      const res = await (await s.request(`/api/years/2025/districts?snapshot=${older.id}`, { token: 'reader' })).json();
      expect(res.snapshot.id).toBe(older.id);
      const { year: _y, snapshot: _s, ...totals } = res;
      expect(totals).toEqual(coreTotals(workbook()));
      expect((await s.request(`/api/years/2024/districts?snapshot=${older.id}`, { token: 'reader' })).status).toBe(404);

      const wb2026 = workbook(2026, associations2025(9));
      expect((await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb2026) })).status).toBe(201);
      const trend = await (await s.request('/api/districts/trend?from=2020&to=2030', { token: 'reader' })).json();
      expect(trend.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
      expect(trend.years[0].snapshot.id).toBe(list.snapshots[0].id);
      const { year: _y2, snapshot: _s2, ...t2026 } = trend.years[1];
      expect(t2026).toEqual(coreTotals(wb2026));

      expect((await s.request('/api/districts/trend?from=2030&to=2020', { token: 'reader' })).status).toBe(400);
      expect((await s.request('/api/districts/trend?from=x', { token: 'reader' })).status).toBe(400);
      expect((await s.request('/api/years/abc/districts', { token: 'reader' })).status).toBe(400);
    });
  });
}
