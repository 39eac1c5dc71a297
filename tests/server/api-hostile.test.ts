/**
 * Hostile text and CPR numbers through every route that takes text, on both databases: a NUL, a lone
 * surrogate or U+FFFE in an association name (in JSON, and in an .xlsx as Excel's `_xHHHH_` escapes), and a
 * CPR number (DDMMYY-XXXX, ten digits, nine digits without the leading zero) in a sheet name, the uploaded
 * file's name, source.workbook, source.sheets, a cell, a token name and a path parameter. Each is refused
 * with a 4xx that names the field or cell, in Danish by default and in English with ?lang=en, with no
 * JavaScript error text and without repeating the CPR number; nothing is stored; and afterwards the year's
 * districts, its exports and every trend range that includes it still answer 200.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { associations2025, snapshotBody, workbook, xlsxBytes } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

/** Siam: the 8th association, on Budget row 10 (a title and a header row above) and Medlemstal row 9. */
const SIAM = 7;
const BUDGET_CELL = 'Budget!A10';
/** The same cell as a finding of the report names it. */
const BUDGET_FINDING = /"sheet":"Budget","cell":"A10"/;

const hostile = [
  { what: 'a NUL', json: '\u0000', xlsx: '_x0000_', da: /usynligt styretegn \(U\+0000\)/, en: /invisible control character \(U\+0000\)/ },
  { what: 'a lone surrogate', json: '\ud800', xlsx: '_xD800_', da: /ødelagt tegn \(U\+D800\)/, en: /broken character \(U\+D800\)/ },
  { what: 'U+FFFE', json: '\ufffe', xlsx: '_xFFFE_', da: /U\+FFFE .*ikke er et gyldigt tegn/, en: /U\+FFFE .*not a valid character/ },
];

/** The three ways a CPR number is written, and the digits a refusal must never repeat. */
const cprs = ['010190-1234', '0101901234', '101901234'];
const digitsOf = (s: string) => s.replace(/\D/g, '');

const jsErrorText = /TypeError|SyntaxError|RangeError|ReferenceError|Cannot read|undefined|\bat .+:\d+:\d+|Unexpected token|stack/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a client would
type Answer = { status: number; body: any; text: string };

function withName(name: string) {
  const rows = associations2025();
  rows[SIAM].association = `Siam ${name} IF`;
  return workbook(2025, rows);
}

function form(bytes: Buffer, filename = 'Partnerskaber 2025.xlsx'): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE }), filename);
  return f;
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`hostile text and CPR numbers through every route on ${db.kind}`, () => {
    let s: TestService;
    let savedId: string;

    const send = async (path: string, init: Parameters<TestService['request']>[1]): Promise<Answer> => {
      const res = await s.request(path, init);
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text), text };
    };
    /**
     * The request in Danish (default) and in English: a 4xx both times with the same code, each message
     * matching its pattern, the field or cell named, no JavaScript error text, no CPR digits repeated.
     */
    const refused = async (
      path: string,
      init: () => Parameters<TestService['request']>[1],
      expected: { status?: number; names: string | RegExp; da?: RegExp; en?: RegExp; cpr?: string },
    ): Promise<{ da: Answer; en: Answer }> => {
      const da = await send(path, init());
      const en = await send(`${path}${path.includes('?') ? '&' : '?'}lang=en`, init());
      for (const [a, pattern] of [[da, expected.da], [en, expected.en]] as const) {
        expect(a.status, a.text).toBeGreaterThanOrEqual(400);
        expect(a.status, a.text).toBeLessThan(500);
        if (expected.status) expect(a.status, a.text).toBe(expected.status);
        expect(a.body.error.message).toBeTypeOf('string');
        expect(a.text).not.toMatch(jsErrorText);
        expect(a.text).toMatch(expected.names);
        if (pattern) expect(a.text).toMatch(pattern);
        if (expected.cpr) expect(a.text).not.toContain(digitsOf(expected.cpr));
        // Never the hostile character itself, escaped or not.
        expect(a.text).not.toMatch(/\\u0000|\\ud800|\\ufffe|\ufffe/i);
        expect(a.text).not.toContain(String.fromCharCode(0));
      }
      expect(en.body.error.code).toBe(da.body.error.code);
      expect(en.body.error.message).not.toBe(da.body.error.message);
      return { da, en };
    };

    beforeAll(async () => {
      s = await startService(db);
      const saved = await send('/api/snapshots', { method: 'POST', json: snapshotBody(workbook()) });
      expect(saved.status).toBe(201);
      savedId = saved.body.snapshot.id;
    });
    afterAll(async () => {
      await s?.drop();
    });

    // Nothing any case sends is stored, and the year still answers everywhere it is read.
    afterEach(async () => {
      const list = await send('/api/snapshots?year=2025', { method: 'GET' });
      expect(list.body.snapshots.map((v: { id: string }) => v.id)).toEqual([savedId]);
      const tokens = await send('/api/tokens', { method: 'GET', token: 'admin' });
      expect(tokens.body.tokens.map((t: { name: string }) => t.name).sort()).toEqual(['test-admin', 'test-editor', 'test-reader']);
      for (const path of [
        '/api/years/2025/districts',
        '/api/years/2025/membership.xlsx',
        '/api/years/2025/membership.csv',
        '/api/years/2025/membership-districts.csv',
        '/api/years/2025/membership-years.csv',
        '/api/districts/trend?from=2025&to=2025',
        '/api/districts/trend?from=2000&to=2030',
        '/api/districts/trend?from=2025&to=2125',
        `/api/snapshots/${savedId}`,
      ]) {
        const res = await s.request(path, { token: 'reader' });
        expect(res.status, path).toBe(200);
        await res.arrayBuffer();
      }
    });

    for (const h of hostile) {
      it(`refuses ${h.what} in an association name sent as JSON, naming the cell`, async () => {
        const body = snapshotBody(withName(h.json));
        const { da } = await refused('/api/snapshots', () => ({ method: 'POST', json: body }), { names: BUDGET_CELL, da: h.da, en: h.en });
        expect(da.body.error.issues[0].path).toBe(`sheets.0.values.${SIAM + 2}.0`);
      });

      it(`refuses ${h.what} in an association name in an uploaded .xlsx (${h.xlsx}), naming the cell`, async () => {
        const bytes = await xlsxBytes(withName(h.xlsx));
        for (const path of ['/api/workbooks?save=true', '/api/workbooks']) {
          await refused(path, () => ({ method: 'POST', body: form(bytes) }), { names: BUDGET_CELL, da: h.da, en: h.en });
          await refused(path, () => ({ method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': XLSX_TYPE } }), { names: BUDGET_CELL, da: h.da, en: h.en });
        }
      });

      it(`refuses ${h.what} in a token name and a path parameter`, async () => {
        await refused('/api/tokens', () => ({ method: 'POST', token: 'admin', json: { name: `Økonomi${h.json}`, role: 'editor' } }), { status: 400, names: /name/, da: h.da, en: h.en });
        const escaped = encodeURIComponent(`Økonomi${h.json === '\ud800' ? '\ufffe' : h.json}`);
        await refused(`/api/tokens/${escaped}`, () => ({ method: 'DELETE', token: 'admin' }), { status: 400, names: /idOrName/ });
      });
    }

    it('refuses DELETE /api/tokens/%00, an id that is not UTF-8, and odd path parameters elsewhere', async () => {
      await refused('/api/tokens/%00', () => ({ method: 'DELETE', token: 'admin' }), { status: 400, names: /idOrName/, da: /usynligt styretegn/, en: /invisible control character/ });
      // Bytes that are not UTF-8 stay as they were sent: no token has that name.
      await refused('/api/tokens/%ED%A0%80', () => ({ method: 'DELETE', token: 'admin' }), { status: 404, names: /adgangsnøgle|token/i });
      await refused('/api/snapshots/%00', () => ({ method: 'GET', token: 'reader' }), { status: 400, names: /id/ });
      await refused('/api/snapshots/%00/diff', () => ({ method: 'GET', token: 'reader' }), { status: 400, names: /id/ });
      await refused(`/api/snapshots/${savedId}/diff?against=%00`, () => ({ method: 'GET', token: 'reader' }), { status: 400, names: /against/ });
      await refused('/api/years/%00/districts', () => ({ method: 'GET', token: 'reader' }), { status: 400, names: /year/ });
      await refused('/api/years/2025/membership.csv?snapshot=%00', () => ({ method: 'GET', token: 'reader' }), { status: 400, names: /snapshot/ });
    });

    for (const cpr of cprs) {
      it(`refuses the CPR number ${cpr} in a sheet name, a file name, source.workbook, source.sheets, a cell, a token name and a path`, async () => {
        const cprText = { cpr, da: /CPR-nummer/, en: /CPR number/ };
        // A sheet name, sent as JSON …
        const wb = workbook();
        wb.sheets[1].name = `Medlemstal ${cpr}`;
        await refused('/api/snapshots', () => ({ method: 'POST', json: snapshotBody(wb, { source: { workbook: 'Partnerskaber.xlsx', sheets: ['Budget'] } }) }), { status: 400, names: 'sheets.1.name', ...cprText });
        // … and in an .xlsx, uploaded; the file's own name; both with and without ?save=true.
        const named = await xlsxBytes(wb);
        const clean = await xlsxBytes(workbook());
        for (const path of ['/api/workbooks?save=true', '/api/workbooks']) {
          await refused(path, () => ({ method: 'POST', body: form(named) }), { names: /ark|sheet/i, ...cprText });
          await refused(path, () => ({ method: 'POST', body: form(clean, `Partnerskaber ${cpr}.xlsx`) }), { names: /filnavn|file name/i, ...cprText });
        }
        // source.workbook and source.sheets.
        await refused('/api/snapshots', () => ({ method: 'POST', json: snapshotBody(workbook(), { source: { workbook: `Partnerskaber ${cpr}.xlsx`, sheets: ['Budget'] } }) }), { status: 400, names: 'source.workbook', ...cprText });
        await refused('/api/snapshots', () => ({ method: 'POST', json: snapshotBody(workbook(), { source: { workbook: 'Partnerskaber.xlsx', sheets: ['Budget', cpr] } }) }), { status: 400, names: 'source.sheets.1', ...cprText });
        // A cell the product reads: the core's personal-data finding, by its address (422: the sheets have an error).
        const inCell = withName(cpr);
        const json = await refused('/api/snapshots', () => ({ method: 'POST', json: snapshotBody(inCell) }), { status: 422, names: BUDGET_FINDING, cpr });
        expect(json.da.body.error.issues.map((i: { code: string }) => i.code)).toContain('personal-data');
        const inCellBytes = await xlsxBytes(inCell);
        await refused('/api/workbooks?save=true', () => ({ method: 'POST', body: form(inCellBytes) }), { status: 422, names: BUDGET_FINDING, cpr });
        // A token name, and a token's name or id in the path.
        await refused('/api/tokens', () => ({ method: 'POST', token: 'admin', json: { name: `Økonomi ${cpr}`, role: 'editor' } }), { status: 400, names: /name/, ...cprText });
        await refused(`/api/tokens/${encodeURIComponent(cpr)}`, () => ({ method: 'DELETE', token: 'admin' }), { status: 400, names: /idOrName/, ...cprText });
      });
    }
  });
}
