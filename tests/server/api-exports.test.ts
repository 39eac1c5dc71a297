/** The yearly membership export through the API: both files say what the districts answer says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictTotalsAnswer } from '../../shared/wire';
import { fetchCsvExport, readCsvExport, readXlsxExport } from './export-files';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`membership export on ${db.kind}`, () => {
    let s: TestService;
    let snapshotId: string;
    let totals: DistrictTotalsAnswer;
    const rows = associations2025(2);
    beforeAll(async () => {
      s = await startService(db);
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows)) });
      snapshotId = (await saved.json()).snapshot.id;
      totals = await (await s.request('/api/years/2025/districts', { token: 'reader' })).json();
    });
    afterAll(async () => {
      await s?.drop();
    });

    /** The districts answer as the export's per-bydel rows read it. */
    const asExportRows = (t: DistrictTotalsAnswer) =>
      t.districts.map((d) => ({
        district: d.district, associations: d.associations, age0to12: d.age0to12, age13to18: d.age13to18, age19to24: d.age19to24,
        under25: d.membersUnder25, totalMembers: d.totalMembers,
      }));

    it('streams an .xlsx whose figures read back equal to the district totals', async () => {
      const res = await s.request('/api/years/2025/membership.xlsx', { token: 'reader' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('medlemstal-2025.xlsx');
      const bytes = Buffer.from(await res.arrayBuffer());
      const read = await readXlsxExport(bytes, 2025);
      expect(read.associations.map((a) => a.association).sort()).toEqual(rows.map((r) => r.association).sort());
      expect(read.districts).toEqual(asExportRows(totals));
      expect(read.total).toMatchObject({ associations: totals.total.associations, under25: totals.total.membersUnder25 });
      expect(read.about.get('Version-id')).toBe(snapshotId);
    });

    it('streams a CSV for Danish Excel whose figures read back equal to the district totals', async () => {
      const res = await s.request(`/api/years/2025/membership.csv?snapshot=${snapshotId}`, { token: 'reader' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const get = async (path: string) => Buffer.from(await (await s.request(path, { token: 'reader' })).arrayBuffer());
      const read = readCsvExport(await fetchCsvExport(get, 2025, `?snapshot=${snapshotId}`), 2025);
      expect(read.associations).toHaveLength(21);
      expect(read.districts).toEqual(asExportRows(totals));
      expect(read.total).toMatchObject({ associations: 21, under25: totals.total.membersUnder25, totalMembers: totals.total.totalMembers });
    });

    it('puts 2024\'s figures beside 2025\'s, equal to the districts answers of both years, and the series of the stored years', async () => {
      // 2024 (the 2012 model's grant): the same associations, each with ten members fewer in 0-12, the first not yet a partner.
      const rows2024 = rows.slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000, age0to12: r.age0to12 - 10 }));
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2024, rows2024)) });
      expect(saved.status, await saved.clone().text()).toBe(201);
      const totals2024: DistrictTotalsAnswer = await (await s.request('/api/years/2024/districts', { token: 'reader' })).json();
      const get = async (path: string) => Buffer.from(await (await s.request(path, { token: 'reader' })).arrayBuffer());
      const xlsx = await readXlsxExport(await get('/api/years/2025/membership.xlsx'), 2025);
      const csv = readCsvExport(await fetchCsvExport(get, 2025), 2025);
      const before = new Map(totals2024.districts.map((d) => [d.district, d.membersUnder25]));
      for (const file of [xlsx, csv]) {
        const names = new Set([...totals.districts.map((d) => d.district), ...before.keys()]);
        expect(file.comparison.districts.map((d) => d.district).sort()).toEqual([...names].sort());
        for (const d of file.comparison.districts) {
          const now = totals.districts.find((x) => x.district === d.district)?.membersUnder25 ?? 0;
          expect(d.previousUnder25, d.district).toBe(before.get(d.district) ?? 0);
          expect(d.change, d.district).toBe(now - (before.get(d.district) ?? 0));
        }
        expect(file.comparison.total.previousUnder25).toBe(totals2024.total.membersUnder25);
        expect(file.comparison.total.change).toBe(totals.total.membersUnder25 - totals2024.total.membersUnder25);
        const first = file.comparison.associations.find((a) => a.association === rows[0].association)!;
        expect(first).toMatchObject({ previousUnder25: null, change: null });
        const second = file.comparison.associations.find((a) => a.association === rows[1].association)!;
        expect(second).toMatchObject({ change: 10 });
        expect(file.series.map((y) => [y.year, y.associations, y.under25, y.grant])).toEqual([
          [2024, totals2024.total.associations, totals2024.total.membersUnder25, totals2024.total.grant],
          [2025, totals.total.associations, totals.total.membersUnder25, totals.total.grant],
        ]);
        expect(file.series.map((y) => y.versionId)).toEqual([totals2024.snapshot.id, snapshotId]);
      }
      const english = await readXlsxExport(await get('/api/years/2025/membership.xlsx?lang=en'), 2025, 'en');
      expect(english.comparison.total.previousUnder25).toBe(totals2024.total.membersUnder25);
      const accept = await s.request('/api/years/2025/membership-districts.csv', { token: 'reader', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
      expect((await accept.text()).replace(/^\uFEFF/, '')).toMatch(/^District;Associations;/);
    });

    it('answers 404 JSON for a year without membership figures and 400 for a bad year', async () => {
      const none = await s.request('/api/years/2031/membership.csv', { token: 'reader' });
      expect(none.status).toBe(404);
      expect((await none.json()).error.code).toBe('not-found');
      expect((await s.request('/api/years/20x5/membership.xlsx', { token: 'reader' })).status).toBe(400);
    });
  });
}
