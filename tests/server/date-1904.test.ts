/**
 * Issue 12: a workbook in the 1904 date system (`<workbookPr date1904="1"/>`, openpyxl's CALENDAR_MAC_1904 here)
 * has its date serials read in that system. The fixture is the sample workbook with an År column of 31-12-2025
 * dates; read in the 1900 system they show 2021, the 2012 model applies and all 21 grants look wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../shared';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

const file = join(import.meta.dirname, '../fixtures/xlsx/openpyxl-1904-sample-2025.xlsx');
/** 31-12-2025 in the 1900 system; the file holds it 1,462 days less. */
const lastDay2025 = 46022;

describe('a 1904 workbook through the reader', () => {
  it('hands over the flag and the serials as written, and the core reads them as 2025', async () => {
    const input = await readWorkbookFile(file);
    expect(input.date1904).toBe(true);
    const budget = input.sheets.find((s) => s.name === 'Budget 2025')!;
    expect(budget.values[2][11]).toBe('År');
    expect(budget.values[3][11]).toBe(lastDay2025 - 1462);
    expect(budget.numberFormat?.[3][11]).toBe('dd-mm-yyyy');

    const report = validateWorkbook(input);
    expect(report).toMatchObject({ year: 2025, model: 'model-2025', ok: true, counts: { error: 0 } });
    expect(report.data.budget).toHaveLength(21);
    expect(report.data.budget.every((r) => r.year === 2025)).toBe(true);
    // The same cells read as a 1900 workbook: what the core did before, and why the flag matters.
    const as1900 = validateWorkbook({ ...input, date1904: false });
    expect(as1900).toMatchObject({ year: 2021, model: 'model-2012' });
    expect(as1900.issues.filter((i) => i.code === 'grant-mismatch')).toHaveLength(21);
  });
});

const db = testDatabases[0];
describe(`a 1904 workbook through POST /api/workbooks (${db.kind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startService(db);
  });
  afterAll(async () => {
    await s?.drop();
  });

  it('as an upload and as raw bytes: year 2025, the 2025 model, no grant errors', async () => {
    const bytes = readFileSync(file);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE }), 'Partnerskaber 2025 (Mac).xlsx');
    for (const body of [form, new Uint8Array(bytes)]) {
      const headers = body instanceof FormData ? undefined : { 'content-type': XLSX_TYPE };
      const res = await s.request('/api/workbooks', { method: 'POST', body, headers });
      expect(res.status).toBe(200);
      const { report } = await res.json();
      expect(report).toMatchObject({ year: 2025, model: 'model-2025', ok: true, counts: { error: 0 } });
      expect(report.summary.total).toMatchObject({ associations: 21, grant: 5_850_000 });
    }
  });
});
