/**
 * Every kind of API answer a person may read, in Danish by default and in English on request (`?lang=`,
 * `Accept-Language`), with the same codes either way; the 409 says how to save again in its own route's syntax.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { langOfAcceptLanguage } from '../../server/routes/lang';
import { associations2025, snapshotBody, workbook, xlsxBytes } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a client would
type Answer = { status: number; code: string; message: string; body: Record<string, any> };

const english = { 'accept-language': 'en-GB,en;q=0.9,da;q=0.5' };

describe('the language of an answer', () => {
  it('follows Accept-Language by its weights, Danish when neither language is asked for', () => {
    expect(langOfAcceptLanguage('da-DK,da;q=0.9,en;q=0.8')).toBe('da');
    expect(langOfAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(langOfAcceptLanguage('de-DE,en;q=0.3,da;q=0.7')).toBe('da');
    expect(langOfAcceptLanguage('da;q=0,en')).toBe('en');
    expect(langOfAcceptLanguage('de, fr')).toBeNull();
    expect(langOfAcceptLanguage(undefined)).toBeNull();
  });
});

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`API messages in Danish and English on ${db.kind}`, () => {
    let s: TestService;
    const call = async (path: string, init: Parameters<TestService['request']>[1] = {}): Promise<Answer> => {
      const res = await s.request(path, init);
      const body = await res.json();
      return { status: res.status, code: body.error?.code, message: body.error?.message, body };
    };
    /** The same request in both languages: the same status and code, a Danish and an English message. */
    const both = async (path: string, init: Parameters<TestService['request']>[1] = {}) => {
      const da = await call(path, init);
      const sep = path.includes('?') ? '&' : '?';
      const en = await call(`${path}${sep}lang=en`, init);
      const byHeader = await call(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...english } });
      expect(en.status).toBe(da.status);
      expect(en.code).toBe(da.code);
      expect(byHeader.message).toBe(en.message);
      expect(da.message).not.toBe(en.message);
      return { da, en };
    };

    beforeAll(async () => {
      s = await startService(db, { jsonBytes: 256 * 1024, workbookBytes: 64 * 1024 });
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('404: an unknown route and a version that is not there', async () => {
      const route = await both('/api/nowhere');
      expect(route.da).toMatchObject({ status: 404, code: 'not-found' });
      expect(route.da.message).toMatch(/GET \/api\/nowhere findes ikke i API'et/);
      expect(route.en.message).toMatch(/No route GET \/api\/nowhere/);

      const year = await both('/api/years/2031/districts');
      expect(year.da.message).toMatch(/endnu ikke gemt nogen version for 2031/);
      expect(year.en.message).toMatch(/No version has been saved for 2031 yet/);
      const csv = await both('/api/years/2031/membership.csv');
      expect(csv.da.message).toMatch(/med medlemstal/);
      const id = await both('/api/snapshots/00000000-0000-4000-8000-000000000000');
      expect(id.da.message).toBe("Ingen version har id'et 00000000-0000-4000-8000-000000000000.");
      expect(id.en.message).toBe('No version has the id 00000000-0000-4000-8000-000000000000.');
      const saved = await call('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2030)) });
      const against = await both(`/api/snapshots/${saved.body.snapshot.id}/diff?against=00000000-0000-4000-8000-000000000000`, { token: 'reader' });
      expect(against.da).toMatchObject({ status: 404, code: 'not-found' });
      expect(against.da.message).toBe("?against= nævner ingen version: ingen version har id'et 00000000-0000-4000-8000-000000000000. Brug id'et på en gemt version (GET /api/snapshots).");
      expect(against.en.message).toBe('?against= names no version: no version has the id 00000000-0000-4000-8000-000000000000. Use the id of a saved version (GET /api/snapshots).');
      // "version" is the word for a stored snapshot; a route's own path may still name it.
      const words = (t: string) => t.replace(/\/api\/snapshots/g, '');
      for (const m of [route, year, csv, id, against]) expect(words(m.da.message + m.en.message)).not.toMatch(/snapshot/i);
    });

    it('401 and 403', async () => {
      const none = await both('/api/snapshots', { token: null });
      expect(none.da).toMatchObject({ status: 401, code: 'unauthorised' });
      expect(none.da.message).toMatch(/Send en adgangsnøgle/);
      expect(none.en.message).toMatch(/Send an access token/);
      const wrong = await both('/api/snapshots', { token: 'pks_wrong' });
      expect(wrong.da.message).toMatch(/ukendt eller tilbagekaldt/);
      expect(wrong.en.message).toMatch(/unknown or revoked/);
      const role = await both('/api/tokens', { token: 'reader' });
      expect(role.da).toMatchObject({ status: 403, code: 'forbidden' });
      expect(role.da.message).toMatch(/Det kræver rollen admin; adgangsnøglen "test-reader" har rollen reader/);
      expect(role.en.message).toMatch(/This needs the admin role; the token "test-reader" has reader/);
    });

    it('400: a path, a query, a body that is not JSON, and an unknown ?lang=', async () => {
      const path = await both('/api/years/abc/districts');
      expect(path.da).toMatchObject({ status: 400, code: 'invalid-path' });
      expect(path.da.message).toMatch(/^Adressen er ikke gyldig: year: /);
      expect(path.en.message).toMatch(/^The request path is not valid: year: /);
      const query = await both('/api/districts/trend?from=2030&to=2020');
      expect(query.da.message).toMatch(/"from" må ikke ligge efter "to"/);
      expect(query.en.message).toMatch(/"from" must not be after "to"/);
      const notJson = await both('/api/snapshots', { method: 'POST', body: '{"sheets": [', headers: { 'content-type': 'application/json' } });
      expect(notJson.da).toMatchObject({ status: 400, code: 'malformed-json' });
      expect(notJson.da.message).toMatch(/ikke gyldig JSON/);
      // Never the engine's own text, which quotes the body.
      expect(notJson.en.message).not.toMatch(/Unexpected|SyntaxError/);
      const body = await both('/api/snapshots', { method: 'POST', json: { sheets: [] } });
      expect(body.da.message).toMatch(/^Anmodningens indhold er ikke gyldigt: sheets: skal have mindst 1 element\.$/);
      expect(body.en.message).toMatch(/^The request body is not valid: sheets: must have at least 1 item\.$/);
      const missing = await both('/api/snapshots', { method: 'POST', json: {} });
      expect(missing.da.message).toMatch(/sheets: mangler \(skal være en liste\)/);
      const cell = await both('/api/snapshots', { method: 'POST', json: { sheets: [{ name: 'Budget', values: [[{}]] }] } });
      expect(cell.da.body.error.issues[0]).toEqual({ path: 'sheets.0.values.0.0', message: 'en celle er tekst, et tal, true/false eller null (tom), ikke et objekt' });

      const lang = await call('/api/snapshots?lang=fr');
      expect(lang).toMatchObject({ status: 400, code: 'invalid-query', message: 'Parametrene i adressen er ikke gyldige: lang: skal være "da" (dansk) eller "en" (engelsk).' });
      expect((await call('/api/snapshots?lang=fr', { headers: english })).message).toBe('The request\'s query parameters are not valid: lang: must be "da" (Danish) or "en" (English).');
      expect((await call('/api/snapshots?lang=en-GB')).status).toBe(200);
    });

    it('413 and 415 on both save routes', async () => {
      const big = 'x'.repeat(300 * 1024);
      const json = await both('/api/snapshots', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
      expect(json.da).toMatchObject({ status: 413, code: 'payload-too-large' });
      expect(json.da.message).toMatch(/større end/);
      const upload = await both('/api/workbooks', { method: 'POST', body: new Uint8Array(200 * 1024), headers: { 'content-type': XLSX_TYPE } });
      expect(upload.da).toMatchObject({ status: 413, code: 'payload-too-large' });
      expect(upload.da.message).toMatch(/Projektmappen er større end/);
      expect(upload.en.message).toMatch(/The workbook is larger than/);
      const type = await both('/api/snapshots', { method: 'POST', body: 'a', headers: { 'content-type': 'text/plain' } });
      expect(type.da).toMatchObject({ status: 415, code: 'unsupported-media-type' });
      expect(type.da.message).toMatch(/fik "text\/plain"/);
      const uploadType = await both('/api/workbooks', { method: 'POST', body: 'a', headers: { 'content-type': 'text/csv' } });
      expect(uploadType.da.message).toMatch(/Send \.xlsx-filen som multipart/);
    });

    it('400 for a file that is not a workbook: the reader\'s own line in the language asked for', async () => {
      const csv = await both('/api/workbooks', { method: 'POST', body: 'Forening;Bydel\nSiam;Nørrebro\n', headers: { 'content-type': XLSX_TYPE } });
      expect(csv.da).toMatchObject({ status: 400, code: 'unreadable-workbook' });
      expect(csv.da.body.error.reason).toBe('not-xlsx');
      expect(csv.da.message).toMatch(/CSV/);
      expect(csv.en.message).toMatch(/CSV/);
    });

    it('422: "Arkene har N fejl; intet blev gemt", singular and plural, and the report in the same language', async () => {
      const rows = associations2025(3);
      rows[0].hours = 10;
      const one = await both('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows)) });
      expect(one.da).toMatchObject({ status: 422, code: 'invalid-workbook', message: 'Arkene har 1 fejl; intet blev gemt. Ret fejlen, og gem igen.' });
      expect(one.en.message).toBe('The sheets have 1 error; nothing was stored. Fix it and save again.');
      expect(one.da.body.report.issues[0].message).not.toBe(one.en.body.report.issues[0].message);
      rows[1].hours = 10;
      const two = await both('/api/workbooks?save=true', { method: 'POST', body: new Uint8Array(await xlsxBytes(workbook(2025, rows))), headers: { 'content-type': XLSX_TYPE } });
      expect(two.da.message).toBe('Arkene har 2 fejl; intet blev gemt. Ret fejlene, og gem igen.');
      expect(two.en.message).toBe('The sheets have 2 errors; nothing was stored. Fix them and save again.');
      // A body's own `lang` still chooses the report's language.
      const asked = await call('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2025, rows), { lang: 'en' }) });
      expect(asked.message).toMatch(/^Arkene har 2 fejl/);
      expect(asked.body.report.issues[0].message).toBe(two.en.body.report.issues[0].message);
    });

    it('409: which case it is, and how to save again in the syntax of the route', async () => {
      const first = await call('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2026)) });
      expect(first.status).toBe(201);
      const id = first.body.snapshot.id;
      const changed = associations2025();
      changed[0].hours = 38;
      const copy = workbook(2026, changed);

      const json = await both('/api/snapshots', { method: 'POST', json: snapshotBody(copy) });
      expect(json.da).toMatchObject({ status: 409, code: 'conflict' });
      expect(json.da.body.error.case).toBe('not-from-this-year');
      expect(json.da.message).toMatch(/^2026 har allerede en gemt version, som din kopi ikke bygger på: versionen fra .+, gemt af test-editor\. Intet blev gemt\./);
      expect(json.da.message).toContain(`"basedOn": "${id}"`);
      expect(json.da.message).toContain('"force": true');
      expect(json.en.message).toMatch(/^2026 already has a saved version that your copy was not made from/);
      expect(json.en.message).toContain(`"basedOn": "${id}"`);

      const second = await call('/api/snapshots', { method: 'POST', json: snapshotBody(workbook(2026, associations2025(1)), { basedOn: id }) });
      expect(second.status).toBe(201);
      const upload = await both(`/api/workbooks?save=true&basedOn=${id}`, { method: 'POST', body: new Uint8Array(await xlsxBytes(copy)), headers: { 'content-type': XLSX_TYPE } });
      expect(upload.da.body.error.case).toBe('saved-since');
      expect(upload.da.message).toMatch(/^Nogen har gemt en nyere version af 2026, efter at din kopi blev hentet/);
      expect(upload.da.message).toContain(`?save=true&basedOn=${second.body.snapshot.id}`);
      expect(upload.da.message).toContain('?save=true&force=true');
      expect(upload.da.message).not.toMatch(/"basedOn"|force: true/);
      expect(upload.en.message).toMatch(/^Someone saved a newer version of 2026 after your copy was fetched/);
      for (const m of [json.da, json.en, upload.da, upload.en]) expect(m.message).not.toMatch(/snapshot/i);

      const unknown = await both('/api/workbooks?save=true&basedOn=00000000-0000-4000-8000-000000000000', { method: 'POST', body: new Uint8Array(await xlsxBytes(copy)), headers: { 'content-type': XLSX_TYPE } });
      expect(unknown.da).toMatchObject({ status: 400, code: 'unknown-based-on' });
      expect(unknown.da.message).toMatch(/^\?basedOn= nævner ingen version af 2026/);
    });

    it('409 for a token name that is taken', async () => {
      expect((await call('/api/tokens', { token: 'admin', method: 'POST', json: { name: 'Økonomi', role: 'editor' } })).status).toBe(201);
      const taken = await both('/api/tokens', { token: 'admin', method: 'POST', json: { name: 'Økonomi', role: 'editor' } });
      expect(taken.da).toMatchObject({ status: 409, code: 'token-name-taken' });
      expect(taken.da.message).toMatch(/hedder allerede "Økonomi"/);
    });

    it('503 from health when the database does not answer', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      const app = createApp({
        db: s.database.db,
        database: { kind: 'postgresql', schemaVersion: 'x', ping: () => Promise.reject(refused) },
        auth: createAuth({ db: s.database.db }),
        clock: () => new Date(),
      });
      const da = await app.request('/api/health');
      const en = await app.request('/api/health?lang=en');
      expect(da.status).toBe(503);
      expect((await da.json()).error.message).toMatch(/^Databasen kan ikke nås lige nu \(den tager ikke imod forbindelser/);
      expect((await en.json()).error.message).toMatch(/^The database cannot be reached right now \(it does not accept connections/);
    });
  });
}
