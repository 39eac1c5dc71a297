import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

/** RFC 4180 with semicolons, as Danish Excel writes and reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const num = (s: string) => (s === '' ? null : Number(s.replace(',', '.')));

interface DistrictTotals {
  district: string;
  associations: number;
  membersUnder25: number;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
}

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`membership export on ${db.kind}`, () => {
    let s: TestService;
    let snapshotId: string;
    let totals: { districts: DistrictTotals[]; total: { membersUnder25: number; associations: number } };
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

    it('streams an .xlsx whose figures read back equal to the district totals', async () => {
      const res = await s.request('/api/years/2025/membership.xlsx', { token: 'reader' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('medlemstal-2025.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);

      const perAssociation = wb.getWorksheet('Medlemstal 2025')!;
      const names: string[] = [];
      perAssociation.eachRow((row, n) => {
        if (n > 1 && row.getCell(1).value !== 'I alt') names.push(String(row.getCell(1).value));
      });
      expect(names.sort()).toEqual(rows.map((r) => r.association).sort());

      const perDistrict = wb.getWorksheet('Bydele 2025')!;
      const read = new Map<string, { associations: number; under25: number; bands: unknown[] }>();
      perDistrict.eachRow((row, n) => {
        if (n === 1) return;
        const value = (c: number) => {
          const v = row.getCell(c).value as ExcelJS.CellValue;
          return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
        };
        read.set(String(value(1)), { associations: Number(value(2)), under25: Number(value(6)), bands: [value(3), value(4), value(5)] });
      });
      for (const d of totals.districts) {
        expect(read.get(d.district), d.district).toEqual({
          associations: d.associations, under25: d.membersUnder25, bands: [d.age0to12, d.age13to18, d.age19to24],
        });
      }
      expect(read.get('I alt')).toMatchObject({ associations: totals.total.associations, under25: totals.total.membersUnder25 });

      const about = wb.getWorksheet('Om udtrækket')!;
      const aboutText: string[] = [];
      about.eachRow((row) => aboutText.push(row.values!.toString()));
      expect(aboutText.join('\n')).toContain(snapshotId);
    });

    it('streams a CSV for Danish Excel whose figures read back equal to the district totals', async () => {
      const res = await s.request(`/api/years/2025/membership.csv?snapshot=${snapshotId}`, { token: 'reader' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = parseCsv(bytes.subarray(3).toString('utf8'));
      const col = (name: string) => header.indexOf(name);
      expect(col('Niveau')).toBe(0);
      const byLevel = (level: string) => records.filter((r) => r[0] === level);
      expect(byLevel('Forening')).toHaveLength(21);
      for (const d of totals.districts) {
        const line = byLevel('Bydel').find((r) => r[col('Bydel')] === d.district);
        expect(line, d.district).toBeDefined();
        expect({
          associations: num(line![col('Foreninger')]),
          under25: num(line![col('Medlemmer under 25')]),
          age0to12: num(line![col('0-12 år')]),
        }).toEqual({ associations: d.associations, under25: d.membersUnder25, age0to12: d.age0to12 });
      }
      const total = byLevel('I alt')[0];
      expect(num(total[col('Medlemmer under 25')])).toBe(totals.total.membersUnder25);
    });

    it('answers 404 JSON for a year without membership figures and 400 for a bad year', async () => {
      const none = await s.request('/api/years/2031/membership.csv', { token: 'reader' });
      expect(none.status).toBe(404);
      expect((await none.json()).error.code).toBe('not-found');
      expect((await s.request('/api/years/20x5/membership.xlsx', { token: 'reader' })).status).toBe(400);
    });
  });
}
