/**
 * A large JSON save is checked in the check worker, within its time and memory limits, as an upload is
 * (server/check-in-worker.ts, server/worker-run.ts): stored the same as a small one, stopped with a 413 (an
 * upload: 400) that says why when it needs more time or memory than the worker has, with nothing stored and
 * the service answering on; and a report lists at most 1,000 findings, errors first, its counts whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSnapshots } from '../../server/db/snapshots';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { MAX_REPORTED_ISSUES } from '../../server/save-check';
import { associations2025, snapshotBody, workbook, xlsxBytes } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

/** The 2025 workbook with a notes sheet of `rows` rows beside it: a body of ~50 bytes a row the check must read. */
function withNotes(rows: number) {
  const wb = workbook(2025);
  wb.sheets.push({ name: 'Noter', values: Array.from({ length: rows }, (_v, i) => [`Note ${i + 1}`, 'Aftalt med foreningen ved mødet', i]) });
  return wb;
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`checks in the worker on ${db.kind}`, () => {
    let s: TestService;
    let tight: TestService;
    beforeAll(async () => {
      s = await startService(db);
      // Every JSON save through the worker, and a worker with no time to do anything in.
      tight = await startService(db, { inlineCheckBytes: 0 }, { timeoutMs: 1 });
    });
    afterAll(async () => {
      await s?.drop();
      await tight?.drop();
    });

    it('stores a large JSON save checked in the worker as it stores the same figures checked in the request', async () => {
      const big = snapshotBody(withNotes(20_000), { source: { workbook: 'Partnerskaber.xlsx', sheets: ['Budget', 'Medlemstal'] } });
      expect(JSON.stringify(big).length).toBeGreaterThan(512 * 1024);
      const res = await s.request('/api/snapshots', { method: 'POST', json: big });
      expect(res.status).toBe(201);
      const saved = (await res.json()).snapshot;
      // The small body (checked in the request) has the same figures: the same version.
      const small = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025), { basedOn: saved.id }) });
      expect(small.status).toBe(200);
      expect((await small.json()).snapshot.id).toBe(saved.id);
    });

    it('stops a save the worker cannot check in its time: 413 in Danish and English, nothing stored, the service answering on', async () => {
      const before = await countSnapshots(tight.database.db);
      const da = await tight.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2024)) });
      const en = await tight.request('/api/snapshots?lang=en', { method: 'POST', json: snapshotBody(workbook(2024)) });
      expect(da.status).toBe(413);
      const [daBody, enBody] = [await da.json(), await en.json()];
      expect(daBody.error).toMatchObject({ code: 'payload-too-large', reason: 'too-slow' });
      expect(daBody.error.message).toMatch(/^Arkene kunne ikke kontrolleres på 0,001 s/);
      expect(enBody.error.message).toMatch(/^The sheets could not be checked within 0.001 s/);
      const upload = await tight.request('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(await xlsxBytes(workbook(2024))), headers: { 'content-type': XLSX_TYPE } });
      expect(upload.status).toBe(400);
      expect((await upload.json()).error).toMatchObject({ code: 'unreadable-workbook', reason: 'too-slow' });
      expect(await countSnapshots(tight.database.db)).toBe(before);
      expect((await tight.request('/api/health')).status).toBe(200);
    });

    it('lists at most 1,000 findings, errors first, with whole counts', async () => {
      const rows = Array.from({ length: 1_200 }, (_v, i) => ({ ...associations2025()[i % 21], association: `Forening ${i + 1}`, hours: 10 }));
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2023, rows)) });
      expect(res.status).toBe(422);
      const { error, report } = await res.json();
      const total = report.counts.error + report.counts.warning + report.counts.info;
      expect(report.counts.error).toBeGreaterThan(MAX_REPORTED_ISSUES);
      expect(total).toBeGreaterThan(MAX_REPORTED_ISSUES);
      expect(report.issues).toHaveLength(MAX_REPORTED_ISSUES);
      expect(report.issues.every((i: { severity: string }) => i.severity === 'error')).toBe(true);
      expect(error.issues).toHaveLength(MAX_REPORTED_ISSUES);
    });
  });
}
