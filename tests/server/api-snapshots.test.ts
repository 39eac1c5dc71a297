import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSnapshots } from '../../server/db/snapshots';
import { associations2025, membershipGrid, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`snapshots on ${db.kind}`, () => {
    let s: TestService;
    const stored = () => countSnapshots(s.database.db);
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });

    let first: { id: string; hash: string };

    it('stores a valid workbook as a snapshot and answers 201 with it', async () => {
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.snapshot).toMatchObject({
        year: 2025,
        model: 'model-2025',
        source: { workbook: 'Partnerskaber.xlsx', sheets: ['Budget', 'Medlemstal'] },
        basedOn: null,
        createdBy: 'test-editor',
        createdAt: '2026-03-01T12:00:00.000Z',
        rows: { budget: 21, membership: 21 },
      });
      expect(body.snapshot.id).toMatch(uuid);
      expect(body.snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(body.existing).toBe(false);
      expect(body.report.ok).toBe(true);
      // The rows are the sender's own; they are read back with GET /api/snapshots/:id.
      expect(body.report.data).toBeUndefined();
      expect(body.report.summary.total.associations).toBe(21);
      first = body.snapshot;
      expect(await stored()).toBe(1);
    });

    it('answers the same content again with 200 and the existing snapshot, also with rows moved and sheets renamed', async () => {
      const again = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(), { basedOn: first.id }) });
      expect(again.status).toBe(200);
      expect((await again.json()).snapshot.id).toBe(first.id);

      const moved = workbook(2025, associations2025().reverse());
      moved.sheets[0].name = 'Økonomi 2025';
      moved.sheets[0].values.unshift(['Udkast', '', '', '', '', '', '', '', '']);
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(moved) });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ existing: true, snapshot: { id: first.id, hash: first.hash } });
      expect(await stored()).toBe(1);
    });

    it('reads a snapshot back: the normalised rows, the report and who sent it', async () => {
      const res = await s.request(`/api/snapshots/${first.id}`, { token: 'reader' });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.budget).toHaveLength(21);
      expect(body.membership).toHaveLength(21);
      expect(body.budget[0]).toEqual({
        row: 3, association: 'Brønshøj Boldklub', district: 'Brønshøj-Husum', localArea: 'Husum/Tingbjerg', tier: 'udvidet',
        grant: 400_000, cofinancing: 100_000, hours: 37, salary: null, agreementTerms: true, fundingSource: 'varige-midler',
        consultant: null, since: null, year: 2025,
      });
      expect(body.report.ok).toBe(true);
      expect(body.report.data.budget).toEqual(body.budget);
      expect(body.snapshot.createdBy).toBe('test-editor');
      expect((await s.request('/api/snapshots/00000000-0000-4000-8000-000000000000', { token: 'reader' })).status).toBe(404);
      const notId = await s.request('/api/snapshots/latest', { token: 'reader' });
      expect(notId.status).toBe(400);
      expect((await notId.json()).error.code).toBe('invalid-path');
    });

    let second: { id: string };

    it('answers 409 with the diff when the year moved on since the copy the sender started from', async () => {
      const changed = associations2025();
      changed[1].age0to12 += 20;
      changed.pop();
      // No basedOn: the sender saw no snapshot of 2025, but one exists.
      const blind = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, changed)) });
      expect(blind.status).toBe(409);
      const conflict = (await blind.json()).error;
      expect(conflict.code).toBe('conflict');
      expect(conflict.latest.id).toBe(first.id);
      expect(conflict.diff.associations).toEqual({ added: [], removed: ['Global Kidz'] });
      expect(conflict.diff.fields).toEqual(expect.arrayContaining([
        { association: 'IF Stadion', sheet: 'membership', field: 'age0to12', old: changed[1].age0to12 - 20, new: changed[1].age0to12 },
        { association: 'IF Stadion', sheet: 'membership', field: 'under25', old: expect.any(Number), new: expect.any(Number) },
      ]));
      expect(conflict.diff.totals).toEqual(expect.arrayContaining([
        expect.objectContaining({ scope: 'total', name: 'total', field: 'associations', old: 21, new: 20 }),
      ]));
      expect(await stored()).toBe(1);

      const based = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, changed), { basedOn: first.id }) });
      expect(based.status).toBe(201);
      second = (await based.json()).snapshot;
      expect(second).toMatchObject({ basedOn: first.id });

      // A third sender still on the first copy conflicts; with force it is stored anyway.
      const other = associations2025();
      other[0].hours = 40;
      const stale = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, other), { basedOn: first.id }) });
      expect(stale.status).toBe(409);
      expect((await stale.json()).error.latest.id).toBe(second.id);
      const forced = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, other), { basedOn: first.id, force: true }) });
      expect(forced.status).toBe(201);
      expect(await stored()).toBe(3);
    });

    it('refuses a basedOn that names no snapshot of the year', async () => {
      const res = await s.request('/api/snapshots', {
        method: 'POST', json: snapshotBody(workbook(2025, associations2025(5)), { basedOn: '00000000-0000-4000-8000-000000000000' }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('unknown-based-on');
      expect(await stored()).toBe(3);
    });

    it('reads basedOn as a version id: one whose digits look like a CPR number is still an id, and text is not one', async () => {
      // A real randomUUID() (1 in ~500 are like it): 711911067 reads as 07-11-91 with its leading zero lost.
      const cprLike = await s.request('/api/snapshots', {
        method: 'POST', json: snapshotBody(workbook(2025, associations2025(5)), { basedOn: '94bc5c2d-f489-44fc-b6bb-711911067b00' }),
      });
      expect(cprLike.status).toBe(400);
      expect((await cprLike.json()).error.code).toBe('unknown-based-on');
      const text = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, associations2025(5)), { basedOn: 'seneste' }) });
      expect(text.status).toBe(400);
      expect(JSON.stringify(await text.json())).toContain("skal være id'et på en version (en UUID)");
      expect(await stored()).toBe(3);
    });

    it('answers 422 with the report and stores nothing when the workbook has errors', async () => {
      const rows = associations2025(7);
      rows[2].grant = 123_000;
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows), { force: true }) });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe('invalid-workbook');
      expect(body.error.issues.map((i: { code: string }) => i.code)).toContain('grant-mismatch');
      expect(body.report.ok).toBe(false);
      expect(await stored()).toBe(3);
    });

    it('never stores or echoes a sheet with personal data', async () => {
      const wb = workbook(2025, associations2025(8));
      wb.sheets[1].values[3][0] = '010203-1234';
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb, { force: true }) });
      expect(res.status).toBe(422);
      const text = await res.text();
      expect(text).toContain('personal-data');
      expect(text).not.toContain('010203-1234');
      expect(await stored()).toBe(3);
    });

    it('refuses malformed, wrong-typed and non-JSON bodies with 4xx and stores nothing', async () => {
      const malformed = await s.request('/api/snapshots', { method: 'POST', body: '{"sheets": [', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).error.code).toBe('malformed-json');

      const wrongType = await s.request('/api/snapshots', { method: 'POST', json: { sheets: 'Budget', year: '2025' } });
      expect(wrongType.status).toBe(400);
      const wrong = (await wrongType.json()).error;
      expect(wrong.code).toBe('invalid-body');
      expect(wrong.issues.map((i: { path: string }) => i.path).sort()).toEqual(['sheets', 'year']);

      const badCell = await s.request('/api/snapshots', { method: 'POST', json: { sheets: [{ name: 'Budget', values: [[{ formula: '=1' }]] }] } });
      expect(badCell.status).toBe(400);
      expect((await badCell.json()).error.issues[0].path).toBe('sheets.0.values.0.0');

      const text = await s.request('/api/snapshots', { method: 'POST', body: 'sheets=1', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      expect(await stored()).toBe(3);
    });

    it('lists snapshots newest first, a page at a time, per year', async () => {
      const membershipOnly = { sheets: [{ name: 'Medlemstal 2024', values: membershipGrid(2024, associations2025(3)) }] };
      const res2024 = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(membershipOnly) });
      expect(res2024.status).toBe(201);

      const page1 = await (await s.request('/api/snapshots?limit=3', { token: 'reader' })).json();
      expect(page1.snapshots.map((x: { year: number }) => x.year)).toEqual([2024, 2025, 2025]);
      expect(page1.nextCursor).toEqual(expect.any(String));
      const page2 = await (await s.request(`/api/snapshots?limit=3&cursor=${page1.nextCursor}`, { token: 'reader' })).json();
      expect(page2.snapshots.map((x: { id: string }) => x.id)).toEqual([first.id]);
      expect(page2.nextCursor).toBeNull();

      const of2025 = await (await s.request('/api/snapshots?year=2025', { token: 'reader' })).json();
      expect(of2025.snapshots).toHaveLength(3);
      expect(of2025.snapshots[1].id).toBe(second.id);
      expect((await s.request('/api/snapshots?limit=0', { token: 'reader' })).status).toBe(400);
      expect((await s.request('/api/snapshots?cursor=abc', { token: 'reader' })).status).toBe(400);
    });

    it('diffs a snapshot against the previous one of its year, or a given one', async () => {
      const res = await s.request(`/api/snapshots/${second.id}/diff`, { token: 'reader' });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.from.id).toBe(first.id);
      expect(body.to.id).toBe(second.id);
      expect(body.diff.associations.removed).toEqual(['Global Kidz']);
      expect(body.diff.same).toBe(false);

      const back = await (await s.request(`/api/snapshots/${first.id}/diff?against=${second.id}`, { token: 'reader' })).json();
      expect(back.diff.associations).toEqual({ added: ['Global Kidz'], removed: [] });

      const firstOfYear = await (await s.request(`/api/snapshots/${first.id}/diff`, { token: 'reader' })).json();
      expect(firstOfYear.from).toBeNull();
      expect(firstOfYear.diff.associations.added).toHaveLength(21);
    });

    it("warns on a change of more than 30 % against the previous year's members", async () => {
      const rows = associations2025(3);
      rows[0].age0to12 *= 3;
      const wb = { sheets: [{ name: 'Medlemstal 2025', values: membershipGrid(2025, rows) }] };
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb, { force: true }) });
      expect(saved.status).toBe(201);
      const issues = (await saved.json()).report.issues;
      // A membership sheet alone: sheet-absent says the version holds no budget figures.
      expect(issues).toEqual([expect.objectContaining({ code: 'sheet-absent' }), expect.objectContaining({ code: 'change-vs-previous', association: rows[0].association })]);
    });

    it('never stores the consultant column: it names a member of staff', async () => {
      const wb = workbook(2030);
      wb.sheets[0].values.forEach((row, i) => row.push(i === 1 ? 'Konsulent' : i > 1 ? 'Mette Hansen' : ''));
      const res = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(wb) });
      expect(res.status).toBe(201);
      const id = (await res.json()).snapshot.id;
      const text = await (await s.request(`/api/snapshots/${id}`, { token: 'reader' })).text();
      expect(JSON.parse(text).budget.every((b: { consultant: unknown }) => b.consultant === null)).toBe(true);
      expect(text).not.toContain('Mette Hansen');
    });
  });
}
