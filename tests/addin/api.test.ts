/**
 * The pane's service client against the real app (PGlite, in-process): fetch is routed to app.request, so
 * every answer is the service's own — saved, same content, conflict with the diff, refused, token refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as api from '../../addin/api';
import { testDatabases } from '../server/databases';
import { associations2025, workbook } from '../server/fixtures';
import { startService, type TestService } from '../server/service';

const pglite = testDatabases.find((d) => d.kind === 'pglite')!;
const url = 'https://partnerskab.test';

describe('addin/api.ts against the service', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startService(pglite);
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      const target = new URL(input);
      if (target.origin !== url) return Promise.reject(new TypeError('fetch failed'));
      return s.app.request(target.pathname + target.search, init);
    });
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await s?.drop();
  });

  const editor = () => ({ url, token: s.tokens.editor });
  const request = (wb = workbook(), extra: Partial<api.SnapshotRequest> = {}) =>
    api.snapshotRequest({
      year: 2025,
      lang: 'da',
      source: { workbook: 'Budget.xlsx', sheets: wb.sheets.map((x) => x.name) },
      basedOn: null,
      budgetSheet: wb.sheets[0].name,
      membershipSheet: wb.sheets[1].name,
      grids: wb.sheets.map((sheet) => ({ ...sheet, numberFormat: sheet.values.map((r) => r.map(() => 'General')) })),
      ...extra,
    });

  it('sends each sheet as name and values only when no cell is formatted as a date', () => {
    const body = request();
    for (const sheet of body.sheets) expect(Object.keys(sheet).sort()).toEqual(['name', 'values']);
    expect(body).not.toHaveProperty('date1904');
  });

  let first: api.SnapshotMeta;

  it('saves, then recognises the same content', async () => {
    const saved = await api.saveSnapshot(editor(), request());
    if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
    expect(saved.existing).toBe(false);
    expect(saved.snapshot).toMatchObject({ year: 2025, createdBy: 'test-editor', source: { workbook: 'Budget.xlsx' } });
    first = saved.snapshot;
    const again = await api.saveSnapshot(editor(), request(workbook(), { basedOn: first.id }));
    expect(again).toMatchObject({ kind: 'saved', existing: true, snapshot: { id: first.id } });
    expect(await api.snapshotDiff(editor(), first.id)).toMatchObject({ kind: 'ok', from: null });
  });

  it('returns the conflict with the diff when the copy is not based on the latest, and saves when forced', async () => {
    const changed = associations2025();
    changed[0] = { ...changed[0], hours: changed[0].hours + 5 };
    const second = await api.saveSnapshot(editor(), request(workbook(2025, changed), { basedOn: first.id }));
    if (second.kind !== 'saved') throw new Error(JSON.stringify(second));
    const stale = associations2025();
    stale[1] = { ...stale[1], hours: stale[1].hours + 1 };
    const conflict = await api.saveSnapshot(editor(), request(workbook(2025, stale), { basedOn: first.id }));
    if (conflict.kind !== 'conflict') throw new Error(JSON.stringify(conflict));
    expect(conflict.latest.id).toBe(second.snapshot.id);
    expect(conflict.diff.fields.map((f) => f.field)).toContain('hours');
    const forced = await api.saveSnapshot(editor(), request(workbook(2025, stale), { basedOn: conflict.latest.id, force: true }));
    expect(forced).toMatchObject({ kind: 'saved', existing: false });
    const diff = await api.snapshotDiff(editor(), (forced as { snapshot: api.SnapshotMeta }).snapshot.id);
    expect(diff).toMatchObject({ kind: 'ok', from: { id: second.snapshot.id } });
  });

  it("passes on the service's own findings against the year before", async () => {
    const grown = associations2025();
    grown[0] = { ...grown[0], age0to12: grown[0].age0to12 * 3 };
    const wb = workbook(2026, grown);
    const saved = await api.saveSnapshot(editor(), { ...request(wb), year: 2026 });
    if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
    expect(saved.serviceFindings.map((i) => [i.code, i.association])).toEqual([['change-vs-previous', grown[0].association]]);
  });

  it('reports a refused sheet with its error issues', async () => {
    const broken = associations2025();
    broken[2] = { ...broken[2], grant: 123 };
    const refused = await api.saveSnapshot(editor(), request(workbook(2025, broken)));
    if (refused.kind !== 'invalid') throw new Error(JSON.stringify(refused));
    expect(refused.issues.map((i) => i.code)).toContain('grant-mismatch');
  });

  it('reports a basedOn the service does not know', async () => {
    const other = associations2025();
    other[3] = { ...other[3], hours: other[3].hours + 2 };
    const unknown = await api.saveSnapshot(editor(), request(workbook(2025, other), { basedOn: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.kind).toBe('unknown-based-on');
  });

  it('reads the district totals, and says when a year has no snapshot', async () => {
    const totals = await api.districtTotals(editor(), 2025);
    if (totals.kind !== 'ok') throw new Error(JSON.stringify(totals));
    expect(totals.answer.districts.length).toBeGreaterThan(0);
    expect(totals.answer.total.associations).toBe(associations2025().length);
    expect(await api.districtTotals(editor(), 2019)).toEqual({ kind: 'no-snapshot' });
  });

  it('tells a wrong token, a reader token and an unreachable service apart', async () => {
    expect(await api.saveSnapshot({ url, token: 'wrong' }, request())).toEqual({ kind: 'unauthorized' });
    expect(await api.saveSnapshot({ url, token: s.tokens.reader }, request())).toEqual({ kind: 'forbidden' });
    expect(await api.districtTotals({ url: 'https://elsewhere.test', token: s.tokens.editor }, 2025)).toMatchObject({ kind: 'unreachable', url: 'https://elsewhere.test' });
  });

  it('sends the date formats and the 1904 system, so a year written as a date saves as the pane read it', async () => {
    // 31-12-2025 in the 1904 date system (Excel for Mac's old default); read as a plain number it is no year at all.
    const serial1904 = 46022 - 1462;
    const wb = workbook(2025);
    const dated = wb.sheets.map((sheet) => {
      const yearCol = sheet.values.find((row) => row.includes('År'))!.indexOf('År');
      const values = sheet.values.map((row) => row.map((v, c) => (c === yearCol && v === 2025 ? serial1904 : v)));
      const numberFormat = values.map((row) => row.map((v, c) => (c === yearCol && v === serial1904 ? 'dd-mm-yyyy' : 'General')));
      return { ...sheet, values, numberFormat };
    });
    const body = api.snapshotRequest({
      year: 2025, lang: 'da', source: { workbook: 'Mac.xlsx', sheets: dated.map((x) => x.name) }, basedOn: null,
      budgetSheet: dated[0].name, membershipSheet: dated[1].name, grids: dated, date1904: true, force: true,
    });
    expect(body.date1904).toBe(true);
    expect(body.sheets[1].numberFormat?.[1]).toEqual(['', 'dd-mm-yyyy', '', '', '', '', '']);
    const saved = await api.saveSnapshot(editor(), { ...body, year: undefined });
    if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
    expect(saved.snapshot.year).toBe(2025);
    const without = await api.saveSnapshot(editor(), { ...body, year: undefined, sheets: body.sheets.map(({ name, values }) => ({ name, values })) });
    expect(without.kind).not.toBe('saved');
  });
});
