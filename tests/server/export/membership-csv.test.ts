import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeMembershipCsv } from '../../../server/export/membership-csv';
import { MembershipExportError } from '../../../server/export/totals';
import type { MembershipExportDistrict } from '../../../server/export/types';
import { parseCsv } from '../export-files';
import { Collector, makeAssociations, makeInput, trickyNames } from './fixtures';

const HEADER = ['Niveau', 'Forening', 'Bydel', 'Foreninger', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt'];
const FIELDS = ['age0to12', 'age13to18', 'age19to24', 'under25', 'totalMembers'] as const;

async function exportCsv(input = makeInput(makeAssociations())) {
  const out = new Collector();
  await writeMembershipCsv(out, input);
  const bytes = out.buffer;
  return { bytes, input, records: parseCsv(bytes.subarray(3).toString('utf8')) };
}

// Excel reads a plain integer as a number; null is an empty field.
const asCount = (n: number | null) => (n === null ? '' : String(n));

describe('writeMembershipCsv', () => {
  it('starts with the UTF-8 byte-order mark and keeps æ, ø and å', async () => {
    const { bytes, records } = await exportCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records[0]).toEqual(HEADER);
    expect(records.some((r) => r[1].includes('Æblegårdens Ø-Søstre på Åen'))).toBe(true);
    expect(records.some((r) => r[2] === 'Brønshøj-Husum')).toBe(true);
  });

  it('writes one Forening row per association with plain integer counts', async () => {
    const rows = makeAssociations();
    const { records } = await exportCsv(makeInput(rows));
    const associations = records.filter((r) => r[0] === 'Forening');
    expect(associations).toHaveLength(rows.length);
    for (const r of records) expect(r, JSON.stringify(r)).toHaveLength(HEADER.length);
    rows.forEach((a, i) => {
      const rec = associations[i];
      expect(rec[2]).toBe(a.district);
      expect(rec[3]).toBe('1');
      expect(rec.slice(4)).toEqual(FIELDS.map((f) => asCount(a[f])));
      for (const v of rec.slice(4)) expect(v).toMatch(/^(\d+)?$/);
    });
    const byName = new Map(associations.map((r) => [r[1], r]));
    expect(byName.get('Forening 7 – Æblegårdens Ø-Søstre på Åen')).toBeDefined();
  });

  it('quotes names holding ; " or a line break, and the fields still come back whole', async () => {
    const { bytes, records } = await exportCsv();
    const names = records.filter((r) => r[0] === 'Forening').map((r) => r[1]);
    expect(names).toContain(trickyNames.separator);
    expect(names).toContain(trickyNames.newline);
    expect(bytes.toString('utf8')).toContain('"Leg; Virke og ""Glæde"""');
  });

  it('puts an apostrophe before names starting with = + - @ so Excel does not run them', async () => {
    const { records } = await exportCsv();
    const names = records.filter((r) => r[0] === 'Forening').map((r) => r[1]);
    for (const name of [trickyNames.formula, trickyNames.plus, trickyNames.minus, trickyNames.at]) {
      expect(names).toContain(`'${name}`);
      expect(names).not.toContain(name);
    }
    for (const name of names) expect(name).not.toMatch(/^[=+\-@]/);
  });

  it('writes the Bydel rows and the I alt row with the same numbers as the input districts and total', async () => {
    const { records, input } = await exportCsv();
    const districts = records.filter((r) => r[0] === 'Bydel');
    const totals = records.filter((r) => r[0] === 'I alt');
    expect(records.at(-1)?.[0]).toBe('I alt');
    expect(totals).toHaveLength(1);
    const expected: MembershipExportDistrict[] = input.districts;
    expect(districts.map((r) => r[2])).toEqual(expected.map((d) => d.district));
    expected.forEach((d, i) => {
      expect(districts[i][3]).toBe(String(d.associations));
      expect(districts[i].slice(4)).toEqual(FIELDS.map((f) => asCount(d[f])));
    });
    expect(totals[0][3]).toBe(String(input.total.associations));
    expect(totals[0].slice(4)).toEqual(FIELDS.map((f) => asCount(input.total[f])));
  });

  it('has Forening rows that add up to the I alt row', async () => {
    const { records } = await exportCsv();
    const total = records.find((r) => r[0] === 'I alt')!;
    const associations = records.filter((r) => r[0] === 'Forening');
    for (let c = 3; c < HEADER.length; c++) {
      const sum = associations.reduce((s, r) => s + (r[c] === '' ? 0 : Number(r[c])), 0);
      expect(Number(total[c]), HEADER[c]).toBe(sum);
    }
  });

  it('writes counts that are not whole numbers with a decimal comma', async () => {
    const rows = makeAssociations(2);
    rows[0] = { ...rows[0], totalMembers: 120.5 };
    const { records } = await exportCsv(makeInput(rows));
    expect(records[1][8]).toBe('120,5');
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
    expect(out.buffer.toString('utf8')).not.toContain('I alt');
  });

  it('writes header and a zero I alt row when the year has no associations', async () => {
    const { records } = await exportCsv(makeInput([]));
    expect(records).toEqual([HEADER, ['I alt', '', '', '0', '', '', '', '0', '']]);
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
