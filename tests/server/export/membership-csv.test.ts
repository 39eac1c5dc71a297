import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeDistrictsCsv, writeMembershipCsv, writeSeriesCsv } from '../../../server/export/membership-csv';
import { MembershipExportError } from '../../../server/export/totals';
import type { MembershipExportInput } from '../../../server/export/types';
import { csvRecords } from '../export-files';
import { Collector, makeAssociations, makeInput, trickyNames } from './fixtures';

const HEADER = [
  'Forening', 'Bydel', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt', 'Medlemmer under 25 i 2024', 'Ændring', 'Ændring i %',
];
const DISTRICT_HEADER = ['Bydel', 'Foreninger', ...HEADER.slice(2)];
const SERIES_HEADER = [
  'År', 'Model', 'Foreninger', 'Heraf udvidede', 'Medlemmer under 25', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer i alt',
  'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Tilskud pr. medlem under 25', 'Version gemt', 'Version-id',
];
const FIELDS = ['age0to12', 'age13to18', 'age19to24', 'under25', 'totalMembers'] as const;

type CsvWriter = (out: NodeJS.WritableStream, input: MembershipExportInput) => Promise<void>;

async function exportCsv(input = makeInput(makeAssociations()), writer: CsvWriter = writeMembershipCsv) {
  const out = new Collector();
  await writer(out, input);
  const bytes = out.buffer;
  return { bytes, input, ...csvRecords(bytes) };
}

// Excel reads a plain integer as a number; null is an empty field.
const asCount = (n: number | null) => (n === null ? '' : String(n));
const sumOf = (records: string[][], c: number) => records.reduce((s, r) => s + (r[c] === '' ? 0 : Number(r[c].replace(',', '.'))), 0);

describe('writeMembershipCsv: one row per association, nothing else', () => {
  it('starts with the UTF-8 byte-order mark and keeps æ, ø and å', async () => {
    const { bytes, header, records } = await exportCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header).toEqual(HEADER);
    expect(records.some((r) => r[0].includes('Æblegårdens Ø-Søstre på Åen'))).toBe(true);
    expect(records.some((r) => r[1] === 'Brønshøj-Husum')).toBe(true);
  });

  it('writes exactly one row per association with plain integer counts, the previous year and the change', async () => {
    const rows = makeAssociations();
    const { records } = await exportCsv(makeInput(rows));
    expect(records).toHaveLength(rows.length);
    for (const r of records) expect(r, JSON.stringify(r)).toHaveLength(HEADER.length);
    rows.forEach((a, i) => {
      const rec = records[i];
      expect(rec[1]).toBe(a.district);
      expect(rec.slice(2, 7)).toEqual(FIELDS.map((f) => asCount(a[f])));
      for (const v of rec.slice(2, 9)) expect(v).toMatch(/^-?(\d+)?$/);
      expect(rec[7]).toBe(asCount(a.previousUnder25));
      expect(rec[8]).toBe(a.previousUnder25 === null ? '' : String(a.under25! - a.previousUnder25));
      expect(rec[9]).toBe(a.previousUnder25 === null ? '' : String(Math.round(((a.under25! - a.previousUnder25) / a.previousUnder25) * 1000) / 10).replace('.', ','));
    });
    expect(records.some((r) => r[7] === '')).toBe(true);
  });

  it('has no total row, so a column sum is the programme total, not three times it', async () => {
    const { records, input } = await exportCsv();
    expect(records.map((r) => r[0])).not.toContain('I alt');
    FIELDS.forEach((f, j) => expect(sumOf(records, 2 + j), f).toBe(input.total[f] ?? 0));
  });

  it('quotes names holding ; " or a line break, and the fields still come back whole', async () => {
    const { bytes, records } = await exportCsv();
    const names = records.map((r) => r[0]);
    expect(names).toContain(trickyNames.separator);
    expect(names).toContain(trickyNames.newline);
    expect(bytes.toString('utf8')).toContain('"Leg; Virke og ""Glæde"""');
  });

  it('puts an apostrophe before names starting with = + - @ so Excel does not run them', async () => {
    const { records } = await exportCsv();
    const names = records.map((r) => r[0]);
    for (const name of [trickyNames.formula, trickyNames.plus, trickyNames.minus, trickyNames.at]) {
      expect(names).toContain(`'${name}`);
      expect(names).not.toContain(name);
    }
    for (const name of names) expect(name).not.toMatch(/^[=+\-@]/);
  });

  it('writes counts that are not whole numbers with a decimal comma', async () => {
    const rows = makeAssociations(2);
    rows[0] = { ...rows[0], totalMembers: 120.5 };
    const { records } = await exportCsv(makeInput(rows));
    expect(records[0][6]).toBe('120,5');
  });

  it('writes English headers with lang en, and "No district" for the product\'s own "Uden bydel"', async () => {
    const rows = makeAssociations(3);
    rows[1] = { ...rows[1], district: 'Uden bydel' };
    const { header, records } = await exportCsv(makeInput(rows, 2025, 'en'));
    expect(header).toEqual([
      'Association', 'District', 'Ages 0-12', 'Ages 13-18', 'Ages 19-24', 'Members under 25', 'Members total', 'Members under 25 in 2024', 'Change', 'Change (%)',
    ]);
    expect(records[1][1]).toBe('No district');
    expect(records[0][1]).toBe('Indre By');
  });

  it('writes a name holding U+FFFE, U+FFFF or a lone surrogate with U+FFFD in their place', async () => {
    const rows = makeAssociations(2);
    rows[0] = { ...rows[0], association: 'Bold\uFFFEklub\uFFFF \uD800x' };
    const { records } = await exportCsv(makeInput(rows));
    expect(records[0][0]).toBe('Bold\uFFFDklub\uFFFD \uFFFDx');
  });

  it('waits for drain: a slow reader never has more than a chunk or so buffered', async () => {
    const rows = makeAssociations(6000);
    let maxBuffered = 0;
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        setTimeout(done, 1);
      },
    });
    const originalWrite = slow.write.bind(slow);
    slow.write = ((chunk: Buffer, ...rest: never[]) => {
      const ok = originalWrite(chunk, ...rest);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    await writeMembershipCsv(slow, makeInput(rows));
    expect(bytes).toBeGreaterThan(400_000);
    // Without awaiting 'drain' the whole file would pile up in the stream's buffer.
    expect(maxBuffered).toBeLessThan(200 * 1024);
  });

  it('refuses, and breaks the download, when the association rows do not add up to the total', async () => {
    const rows = makeAssociations();
    const input = makeInput(rows.slice(1));
    input.associations = (async function* () {
      for (const r of rows) yield r;
    })();
    const out = new Collector();
    const failed = writeMembershipCsv(out, input);
    await expect(failed).rejects.toThrow(MembershipExportError);
    await expect(failed).rejects.toThrow(/association rows count 25 associations, the total says 24/);
    expect(out.destroyed).toBe(true);
  });

  it('writes the header alone when the year has no associations', async () => {
    const { header, records } = await exportCsv(makeInput([]));
    expect(header).toEqual(HEADER);
    expect(records).toEqual([]);
  });

  it('ends with an error, not a hang, when the client goes away mid-download', async () => {
    let chunks = 0;
    const hangsUp = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, done) {
        chunks += 1;
        done();
        if (chunks === 1) this.destroy();
      },
    });
    await expect(writeMembershipCsv(hangsUp, makeInput(makeAssociations(5000)))).rejects.toThrow(/closed before the export was written/);
  });
});

describe('writeDistrictsCsv: one row per bydel', () => {
  it('writes the input districts, with the previous year and the change, and no total row', async () => {
    const { header, records, input } = await exportCsv(makeInput(makeAssociations()), writeDistrictsCsv);
    expect(header).toEqual(DISTRICT_HEADER);
    expect(records.map((r) => r[0])).toEqual(input.districts.map((d) => d.district));
    input.districts.forEach((d, i) => {
      expect(records[i][1]).toBe(String(d.associations));
      expect(records[i].slice(2, 7)).toEqual(FIELDS.map((f) => asCount(d[f])));
      expect(records[i][7]).toBe(asCount(d.previousUnder25));
      expect(records[i][8]).toBe(String(d.under25 - d.previousUnder25!));
    });
    // The column sums are the programme's figures, this year's and last year's.
    expect(sumOf(records, 1)).toBe(input.total.associations);
    expect(sumOf(records, 5)).toBe(input.total.under25);
    expect(sumOf(records, 7)).toBe(input.total.previousUnder25);
  });

  it('refuses before writing anything when the districts do not add up to the previous year\'s total', async () => {
    const input = makeInput(makeAssociations());
    input.total = { ...input.total, previousUnder25: input.total.previousUnder25! + 1 };
    const out = new Collector();
    await expect(writeDistrictsCsv(out, input)).rejects.toThrow(/previous year's members under 25/);
    expect(out.buffer.length).toBe(0);
  });

  it('leaves the previous-year columns empty when the year before has no version', async () => {
    const input = makeInput(makeAssociations());
    input.previous = null;
    input.districts = input.districts.map((d) => ({ ...d, previousUnder25: null }));
    input.total = { ...input.total, previousUnder25: null };
    const { records } = await exportCsv(input, writeDistrictsCsv);
    for (const r of records) expect(r.slice(7)).toEqual(['', '', '']);
  });
});

describe('writeSeriesCsv: one row per stored year', () => {
  it('writes the programme\'s figures of every year in the input, oldest first', async () => {
    const { header, records, input } = await exportCsv(makeInput(makeAssociations()), writeSeriesCsv);
    expect(header).toEqual(SERIES_HEADER);
    expect(records.map((r) => Number(r[0]))).toEqual(input.series.map((y) => y.year));
    input.series.forEach((y, i) => {
      const r = records[i];
      expect(r[1]).toBe(y.year < 2025 ? '2012-modellen' : 'modellen fra 2025');
      expect(r.slice(2, 9)).toEqual([y.associations, y.extended, y.under25, y.age0to12, y.age13to18, y.age19to24, y.totalMembers].map(asCount));
      expect(Number(r[9])).toBe(y.grant);
      expect(Number(r[11].replace(',', '.'))).toBe(y.hours);
      expect(r[13]).toBe(y.snapshot.createdAt);
      expect(r[14]).toBe(y.snapshot.id);
    });
    expect(records.at(-1)![4]).toBe(String(input.total.under25));
  });
});
