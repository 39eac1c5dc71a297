import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSnapshots } from '../../server/db/snapshots';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { associations2025, snapshotBody, workbook, xlsxBytes } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

function form(bytes: Buffer, field = 'file', filename = 'Partnerskaber 2025.xlsx'): FormData {
  const f = new FormData();
  f.append(field, new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE }), filename);
  return f;
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`workbook uploads on ${db.kind}`, () => {
    let s: TestService;
    let bytes: Buffer;
    const stored = () => countSnapshots(s.database.db);
    beforeAll(async () => {
      // Small limits, so the oversize cases stay small.
      s = await startService(db, { jsonBytes: 64 * 1024, workbookBytes: 32 * 1024 });
      bytes = await xlsxBytes(workbook());
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('validates a multipart upload and stores nothing without ?save=true', async () => {
      const res = await s.request('/api/workbooks', { method: 'POST', body: form(bytes) });
      expect(res.status).toBe(200);
      const { report } = await res.json();
      expect(report).toMatchObject({ ok: true, year: 2025, counts: { error: 0 } });
      expect(report.data.budget).toHaveLength(21);
      expect(await stored()).toBe(0);
    });

    it('stores raw .xlsx bytes with ?save=true, and the same workbook as multipart is the same snapshot', async () => {
      const raw = await s.request('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': XLSX_TYPE } });
      expect(raw.status).toBe(201);
      const created = (await raw.json()).snapshot;
      expect(created).toMatchObject({ year: 2025, rows: { budget: 21, membership: 21 }, source: { workbook: null, sheets: ['Budget', 'Medlemstal'] } });

      const again = await s.request(`/api/workbooks?save=true&basedOn=${created.id}`, { method: 'POST', body: form(bytes) });
      expect(again.status).toBe(200);
      expect((await again.json()).snapshot.id).toBe(created.id);

      // The JSON route and the upload route hash the same rows the same way.
      const json = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
      expect((await json.json()).snapshot.id).toBe(created.id);

      const changed = associations2025();
      changed[0].hours = 38;
      const stale = await s.request('/api/workbooks?save=true', { method: 'POST', body: form(await xlsxBytes(workbook(2025, changed))) });
      expect(stale.status).toBe(409);
      const forced = await s.request('/api/workbooks?save=true&force=true', { method: 'POST', body: form(await xlsxBytes(workbook(2025, changed))) });
      expect(forced.status).toBe(201);
      expect((await forced.json()).snapshot.source.workbook).toBe('Partnerskaber 2025.xlsx');
      expect(await stored()).toBe(2);
    });

    it('answers 422 for a workbook with errors and stores nothing', async () => {
      const rows = associations2025(6);
      rows[0].hours = 10;
      const res = await s.request('/api/workbooks?save=true&force=true', { method: 'POST', body: form(await xlsxBytes(workbook(2025, rows))) });
      expect(res.status).toBe(422);
      expect((await res.json()).error.issues.map((i: { code: string }) => i.code)).toContain('hours-below-minimum');
      expect(await stored()).toBe(2);
    });

    it('says why a file cannot be read, and stores nothing', async () => {
      const text = await s.request('/api/workbooks?save=true', { method: 'POST', body: form(Buffer.from('Forening;Bydel\nSiam;Nørrebro\n')) });
      expect(text.status).toBe(400);
      const body = await text.json();
      expect(body.error.code).toBe('unreadable-workbook');
      expect(body.error.message).toMatch(/xlsx|Excel|workbook/i);

      const truncated = await s.request('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(bytes.subarray(0, bytes.length >> 1)), headers: { 'content-type': XLSX_TYPE } });
      expect(truncated.status).toBe(400);
      expect((await truncated.json()).error.code).toBe('unreadable-workbook');
      expect(await stored()).toBe(2);
    });

    it('refuses wrong media types, a missing file field, readers, and bad query values', async () => {
      expect((await s.request('/api/workbooks', { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'text/csv' } })).status).toBe(415);
      const missing = await s.request('/api/workbooks', { method: 'POST', body: form(bytes, 'upload') });
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.code).toBe('missing-file');
      expect((await s.request('/api/workbooks', { method: 'POST', body: form(bytes), token: 'reader' })).status).toBe(403);
      expect((await s.request('/api/workbooks?save=yes', { method: 'POST', body: form(bytes) })).status).toBe(400);
    });

    it('answers 413 for bodies over the limit, uploads and JSON alike, and stores nothing', async () => {
      const big = Buffer.concat([bytes, Buffer.alloc(40 * 1024, 1)]);
      const raw = await s.request('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(big), headers: { 'content-type': XLSX_TYPE } });
      expect(raw.status).toBe(413);
      expect((await raw.json()).error.code).toBe('payload-too-large');
      expect((await s.request('/api/workbooks?save=true', { method: 'POST', body: form(big) })).status).toBe(413);

      const rows = [...associations2025(1)];
      for (let i = 0; i < 1000; i++) rows.push({ ...rows[i % 21], association: `Forening nummer ${i}` });
      const json = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows), { force: true }) });
      expect(json.status).toBe(413);
      expect(await stored()).toBe(2);
    });
  });
}
