import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeMembershipXlsx } from '../../../server/export/membership-xlsx';
import { MembershipExportError } from '../../../server/export/totals';
import type { MembershipExportDistrict } from '../../../server/export/types';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Collector, countingSource, makeAssociations, makeInput, StalledReader, trickyNames, untilSettled } from './fixtures';

const COUNT_HEADERS = ['0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt'];
const COMPARISON_HEADERS = ['Medlemmer under 25 i 2024', 'Ændring', 'Ændring i %'];
const FIELDS = ['age0to12', 'age13to18', 'age19to24', 'under25', 'totalMembers'] as const;

async function exportAndRead(input = makeInput(makeAssociations())) {
  const out = new Collector();
  await writeMembershipXlsx(out, input);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out.buffer as unknown as ArrayBuffer);
  return { wb, input };
}

/** A cell's number as a reader that does not recalculate sees it: the cached result for formulas. */
function numberOf(cell: ExcelJS.Cell): number | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && 'result' in v) return v.result as number;
  throw new Error(`${cell.address} holds ${JSON.stringify(v)}, not a number`);
}

const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

describe('writeMembershipXlsx', () => {
  it('writes the three sheets, named with the year, in order', async () => {
    const { wb } = await exportAndRead();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Medlemstal 2025', 'Bydele 2025', 'Udvikling', 'Om udtrækket']);
  });

  it('writes one row per association with Danish names intact, then a bold I alt row equal to the column sums', async () => {
    const rows = makeAssociations();
    const { wb, input } = await exportAndRead(makeInput(rows));
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    expect(rowValues(ws, 1)).toEqual(['Forening', 'Bydel', ...COUNT_HEADERS, ...COMPARISON_HEADERS]);
    expect(ws.rowCount).toBe(rows.length + 2);

    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.association);
      expect(row.getCell(2).value).toBe(r.district);
      FIELDS.forEach((f, j) => expect(numberOf(row.getCell(3 + j)), `${r.association} ${f}`).toBe(r[f]));
    });
    expect(ws.getCell('A2').value).toBe(trickyNames.formula);
    expect(rows.some((r) => /[æøåÆØÅ]/.test(r.association))).toBe(true);

    const total = ws.getRow(rows.length + 2);
    expect(total.getCell(1).value).toBe('I alt');
    for (let c = 3; c <= 7; c++) {
      let sum = 0;
      for (let r = 2; r <= rows.length + 1; r++) sum += numberOf(ws.getRow(r).getCell(c)) ?? 0;
      expect(numberOf(total.getCell(c)), `column ${c}`).toBe(sum);
      expect(total.getCell(c).font?.bold).toBe(true);
    }
    FIELDS.forEach((f, j) => expect(numberOf(total.getCell(3 + j))).toBe(input.total[f]));
    // The cached results sit under SUBTOTAL formulas over exactly the data rows.
    expect(total.getCell(6).formula).toBe(`SUBTOTAL(109,F2:F${rows.length + 1})`);
    expect(total.getCell(1).font?.bold).toBe(true);
  });

  it('writes the previous year and the change beside each association and bydel, and the programme\'s change in I alt', async () => {
    const rows = makeAssociations();
    const { wb, input } = await exportAndRead(makeInput(rows));
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(numberOf(row.getCell(8)), r.association).toBe(r.previousUnder25);
      expect(numberOf(row.getCell(9)), r.association).toBe(r.previousUnder25 === null ? null : r.under25! - r.previousUnder25);
      expect(numberOf(row.getCell(10)), r.association).toBe(r.previousUnder25 === null ? null : (r.under25! - r.previousUnder25) / r.previousUnder25);
    });
    expect(rows.some((r) => r.previousUnder25 === null)).toBe(true);
    const districts = wb.getWorksheet('Bydele 2025')!;
    const total = districts.getRow(input.districts.length + 2);
    expect(total.getCell(1).value).toBe('I alt');
    expect(numberOf(total.getCell(8))).toBe(input.total.previousUnder25);
    expect(numberOf(total.getCell(9))).toBe(input.total.under25 - input.total.previousUnder25!);
    expect(numberOf(total.getCell(10))).toBeCloseTo((input.total.under25 - input.total.previousUnder25!) / input.total.previousUnder25!, 12);
    expect(total.getCell(8).formula).toBe(`SUBTOTAL(109,H2:H${input.districts.length + 1})`);
  });

  it('writes the programme\'s figures of every stored year on "Udvikling"', async () => {
    const { wb, input } = await exportAndRead();
    const ws = wb.getWorksheet('Udvikling')!;
    expect(rowValues(ws, 1).slice(0, 5)).toEqual(['År', 'Model', 'Foreninger', 'Heraf udvidede', 'Medlemmer under 25']);
    expect(ws.rowCount).toBe(input.series.length + 1);
    input.series.forEach((y, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(y.year);
      expect(row.getCell(3).value).toBe(y.associations);
      expect(row.getCell(5).value).toBe(y.under25);
      expect(row.getCell(10).value).toBe(y.grant);
      expect(row.getCell(15).value).toBe(y.snapshot.id);
    });
  });

  it('writes English sheet names and headers with lang en', async () => {
    const { wb } = await exportAndRead(makeInput(makeAssociations(), 2025, 'en'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Members 2025', 'Districts 2025', 'By year', 'About']);
    expect(rowValues(wb.getWorksheet('Members 2025')!, 1)).toEqual([
      'Association', 'District', 'Ages 0-12', 'Ages 13-18', 'Ages 19-24', 'Members under 25', 'Members total', 'Members under 25 in 2024', 'Change', 'Change (%)',
    ]);
    const about = new Map<string, unknown>();
    wb.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(String(about.get('Sheets'))).toMatch(/one row per association/);
  });

  it('keeps the workbook well-formed when a stored name holds U+FFFE, U+FFFF or a lone surrogate', async () => {
    const rows = makeAssociations(3);
    rows[0] = { ...rows[0], association: 'Bold\uFFFEklub\uFFFF \uD800x' };
    const out = new Collector();
    await writeMembershipXlsx(out, makeInput(rows));
    const dir = mkdtempSync(join(tmpdir(), 'export-xml-'));
    try {
      writeFileSync(join(dir, 'x.xlsx'), out.buffer);
      execFileSync('unzip', ['-q', 'x.xlsx', '-d', 'x'], { cwd: dir });
      // xmllint refuses a document that is not well-formed (exit status 1).
      execFileSync('xmllint', ['--noout', join(dir, 'x/xl/worksheets/sheet1.xml')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Medlemstal 2025')!.getCell('A2').value).toBe('Bold\uFFFDklub\uFFFD \uFFFDx');
  });

  it('writes names that look like formulas as plain text, never as formulas', async () => {
    const { wb } = await exportAndRead();
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    const names = new Set<string>(Object.values(trickyNames));
    let seen = 0;
    ws.eachRow((row) => {
      const cell = row.getCell(1);
      if (!names.has(cell.value as string)) return;
      seen += 1;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    });
    expect(seen).toBe(names.size);
  });

  it('freezes the header row, filters on it, makes it bold and formats counts with thousands separators', async () => {
    const rows = makeAssociations();
    const { wb } = await exportAndRead(makeInput(rows));
    for (const [name, last] of [['Medlemstal 2025', rows.length + 1], ['Bydele 2025', 12]] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBe(`A1:J${last}`);
      ws.getRow(1).eachCell((cell) => expect(cell.font?.bold, cell.address).toBe(true));
      for (let r = 2; r <= last + 1; r++) {
        for (let c = 3; c <= 7; c++) expect(ws.getRow(r).getCell(c).numFmt, `${name} row ${r}`).toBe('#,##0');
      }
    }
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(30);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual('Medlemmer under 25'.length);
  });

  it('writes one row per district and the programme total, the same numbers as the input', async () => {
    const { wb, input } = await exportAndRead();
    const ws = wb.getWorksheet('Bydele 2025')!;
    expect(rowValues(ws, 1)).toEqual(['Bydel', 'Foreninger', ...COUNT_HEADERS, ...COMPARISON_HEADERS]);
    const expected: MembershipExportDistrict[] = [...input.districts, input.total];
    expect(ws.rowCount).toBe(expected.length + 1);
    expected.forEach((d, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(d.district);
      expect(numberOf(row.getCell(2))).toBe(d.associations);
      FIELDS.forEach((f, j) => expect(numberOf(row.getCell(3 + j)), `${d.district} ${f}`).toBe(d[f]));
    });
    expect(ws.getRow(expected.length + 1).getCell(2).font?.bold).toBe(true);
  });

  it('names the snapshot id, hash and time, the counting date and that no personal data is included', async () => {
    const { wb, input } = await exportAndRead();
    const ws = wb.getWorksheet('Om udtrækket')!;
    const byLabel = new Map<string, unknown>();
    ws.eachRow((row) => byLabel.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(byLabel.get('Version-id')).toBe(input.snapshot.id);
    expect(byLabel.get('Indholds-hash')).toBe(input.snapshot.hash);
    expect(byLabel.get('Version gemt (UTC)')).toBe(input.snapshot.createdAt);
    // 08:30 UTC in January is 09:30 in Copenhagen.
    expect(byLabel.get('Version gemt (dansk tid)')).toMatch(/15\. januar 2026.*09\.30/);
    expect(byLabel.get('Opgjort pr.')).toBe('31. december 2025');
    expect(byLabel.get('Personoplysninger')).toMatch(/^Ingen/);
    expect(byLabel.get('Medlemmer under 25')).toBe(input.total.under25);
  });

  it('writes a valid workbook with header and zero totals when the year has no associations', async () => {
    const input = makeInput([]);
    const { wb } = await exportAndRead(input);
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getCell('A2').value).toBe('I alt');
    expect(numberOf(ws.getCell('F2'))).toBe(0);
    expect(wb.getWorksheet('Bydele 2025')!.getCell('A2').value).toBe('I alt');
  });

  it('refuses, and breaks the download, when the association rows do not add up to the total', async () => {
    const input = makeInput(makeAssociations());
    input.total = { ...input.total, under25: input.total.under25 + 1 };
    input.districts = [...input.districts];
    input.districts[0] = { ...input.districts[0], under25: input.districts[0].under25 + 1 };
    const out = new Collector();
    const failed = writeMembershipXlsx(out, input);
    await expect(failed).rejects.toThrow(MembershipExportError);
    await expect(failed).rejects.toThrow(/association rows sum "Medlemmer under 25"/);
    expect(out.destroyed).toBe(true);
  });

  it('refuses before writing anything when the district rows do not add up to the total', async () => {
    const input = makeInput(makeAssociations());
    input.total = { ...input.total, associations: input.total.associations + 2 };
    const out = new Collector();
    await expect(writeMembershipXlsx(out, input)).rejects.toThrow(/district rows count 25 associations, the total says 27/);
    expect(out.buffer.length).toBe(0);
  });

  it('passes on a failing association source and breaks the download', async () => {
    const input = makeInput(makeAssociations());
    input.associations = (async function* () {
      yield makeAssociations(1)[0];
      throw new Error('cursor lost');
    })();
    const out = new Collector();
    await expect(writeMembershipXlsx(out, input)).rejects.toThrow('cursor lost');
    expect(out.destroyed).toBe(true);
  });

  it('stops pulling rows while nobody reads the download, and finishes when reading resumes', async () => {
    const rows = makeAssociations(20_000);
    const input = makeInput(rows);
    const { state, source } = countingSource(rows);
    input.associations = source;
    const reader = new StalledReader();
    const writing = writeMembershipXlsx(reader, input);

    const pulled = await untilSettled(() => state.pulled);
    // Without backpressure the writer would run through all rows into memory.
    expect(state.done).toBe(false);
    expect(pulled).toBeLessThan(rows.length / 2);

    reader.release();
    await writing;
    expect(state.done).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reader.buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Medlemstal 2025')!;
    expect(ws.rowCount).toBe(rows.length + 2);
    expect(numberOf(ws.getRow(rows.length + 2).getCell(6))).toBe(input.total.under25);
  });

  it('ends with an error, not a hang, when the client goes away mid-download', async () => {
    const rows = makeAssociations(20_000);
    let chunks = 0;
    const hangsUp = new Writable({
      write(_chunk, _enc, done) {
        chunks += 1;
        done();
        if (chunks === 2) this.destroy();
      },
    });
    await expect(writeMembershipXlsx(hangsUp, makeInput(rows))).rejects.toThrow(/closed before the export was written/);
  });
});
