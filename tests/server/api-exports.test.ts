/** The yearly membership export through the API: both files say what the districts answer says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictTotalsAnswer } from '../../shared/wire';
import { readCsvExport, readXlsxExport } from './export-files';
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
      expect(read.about.get('Snapshot-id')).toBe(snapshotId);
    });

    it('streams a CSV for Danish Excel whose figures read back equal to the district totals', async () => {
      const res = await s.request(`/api/years/2025/membership.csv?snapshot=${snapshotId}`, { token: 'reader' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const read = readCsvExport(Buffer.from(await res.arrayBuffer()));
      expect(read.associations).toHaveLength(21);
      expect(read.districts).toEqual(asExportRows(totals));
      expect(read.total).toMatchObject({ associations: 21, under25: totals.total.membersUnder25, totalMembers: totals.total.totalMembers });
    });

    it('answers 404 JSON for a year without membership figures and 400 for a bad year', async () => {
      const none = await s.request('/api/years/2031/membership.csv', { token: 'reader' });
      expect(none.status).toBe(404);
      expect((await none.json()).error.code).toBe('not-found');
      expect((await s.request('/api/years/20x5/membership.xlsx', { token: 'reader' })).status).toBe(400);
    });
  });
}
