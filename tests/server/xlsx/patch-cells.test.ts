/**
 * The corrected copy of `validate --fix` at the level of the parts: written into what other programs write
 * (namespace prefixes, no numFmts, no styles part at all), formulas that read a fixed cell on another sheet
 * or through another formula lose their cached result and nothing else does, a formula cell is never
 * overwritten, and the copy reads back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formulaRefs } from '../../../server/xlsx/formula-refs';
import { patchWorkbookCells } from '../../../server/xlsx/patch-cells';
import { parseXlsx } from '../../../server/xlsx/parse-xlsx';
import { toWorkbookInput } from '../../../server/xlsx/grid';
import { openZip, readEntry } from '../../../server/xlsx/zip';
import { repoRoot } from '../cli/run-cli';
import { writeZip } from './xlsx-parts';

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Two sheets written with the x: prefix, as the Open XML SDK writes them, and a styles part without numFmts. */
function prefixedWorkbook(): Buffer {
  const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${ns}"><x:sheetData>${rows}</x:sheetData><x:pageMargins left="0.7"/></x:worksheet>`;
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:sheets><x:sheet name="Budget 2025" sheetId="1" r:id="s1"/><x:sheet name="Oversigt" sheetId="2" r:id="s2"/></x:sheets></x:workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="st" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', data: `<x:styleSheet xmlns:x="${ns}"><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0"/><x:xf numFmtId="0" fontId="1" applyFont="1"><x:alignment horizontal="left"/></x:xf></x:cellXfs></x:styleSheet>` },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet(
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Forening</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Tilskud</x:t></x:is></x:c></x:row>' +
          // B2 text with style 1; the next cell has no r and follows it (C2).
          '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>BK Union</x:t></x:is></x:c><x:c r="B2" s="1" t="inlineStr"><x:is><x:t>250.000 kr.</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t> Nørrebro</x:t></x:is></x:c></x:row>' +
          '<x:row r="3"><x:c r="A3"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="B3"><x:v>100</x:v></x:c><x:c r="C3"><x:f>SUM(B2:B3)</x:f><x:v>100</x:v></x:c><x:c r="D3"><x:f>B3*2</x:f><x:v>200</x:v></x:c></x:row>',
      ),
    },
    {
      name: 'xl/worksheets/sheet2.xml',
      data: sheet(
        `<x:row r="1"><x:c r="A1"><x:f>'Budget 2025'!C3*2</x:f><x:v>200</x:v></x:c><x:c r="B1"><x:f>A1+1</x:f><x:v>201</x:v></x:c><x:c r="C1" t="str"><x:f>"B2"&amp;"!"</x:f><x:v>B2!</x:v></x:c><x:c r="D1"><x:f>'Budget 2025'!D3</x:f><x:v>200</x:v></x:c></x:row>`,
      ),
    },
  ]);
}

function part(bytes: Buffer, name: string): string {
  const zip = openZip(bytes);
  return readEntry(zip, zip.byName.get(name.toLowerCase())!, { left: 1e8, limit: 1e8 }).toString('utf8');
}

describe('patchWorkbookCells', () => {
  it('writes with the part\'s own prefix, adds the format and a style derived from the cell\'s own, and clears what reads the cell', () => {
    const original = prefixedWorkbook();
    const outcome = patchWorkbookCells(original, [
      { sheet: 'Budget 2025', cell: 'B2', value: 250_000, numberFormat: '#,##0 "kr."' },
      { sheet: 'Budget 2025', cell: 'C2', value: 'Nørrebro' },
      { sheet: 'Budget 2025', cell: 'A3', value: 5 },
    ]);
    expect(outcome.written.map((f) => f.cell)).toEqual(['B2', 'C2']);
    expect(outcome.skipped).toEqual([{ fix: { sheet: 'Budget 2025', cell: 'A3', value: 5 }, reason: 'formula' }]);
    // C3 sums B2; Oversigt!A1 reads C3, B1 reads A1; D3, Oversigt!D1 and the text formula read nothing fixed.
    expect(outcome.cleared.sort()).toEqual(['Budget 2025!C3', 'Oversigt!A1', 'Oversigt!B1']);

    const sheet1 = part(outcome.bytes, 'xl/worksheets/sheet1.xml');
    expect(sheet1).toContain('<x:c r="B2" s="2"><x:v>250000</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>Nørrebro</x:t></x:is></x:c>');
    expect(sheet1).toContain('<x:c r="C3"><x:f>SUM(B2:B3)</x:f></x:c><x:c r="D3"><x:f>B3*2</x:f><x:v>200</x:v></x:c>');
    expect(sheet1).toContain('<x:c r="A3"><x:f>1+1</x:f><x:v>2</x:v></x:c>');
    expect(part(outcome.bytes, 'xl/styles.xml')).toBe(
      `<x:styleSheet xmlns:x="${ns}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="#,##0 &quot;kr.&quot;"/></x:numFmts>` +
        '<x:cellXfs count="3"><x:xf numFmtId="0" fontId="0"/><x:xf numFmtId="0" fontId="1" applyFont="1"><x:alignment horizontal="left"/></x:xf>' +
        '<x:xf fontId="1" applyFont="1" numFmtId="164" applyNumberFormat="1"><x:alignment horizontal="left"/></x:xf></x:cellXfs></x:styleSheet>',
    );
    expect(part(outcome.bytes, 'xl/workbook.xml')).toContain('</x:sheets><x:calcPr fullCalcOnLoad="1"/></x:workbook>');
    expect(part(outcome.bytes, 'xl/worksheets/sheet2.xml')).toContain(`<x:c r="C1" t="str"><x:f>"B2"&amp;"!"</x:f><x:v>B2!</x:v></x:c><x:c r="D1"><x:f>'Budget 2025'!D3</x:f><x:v>200</x:v></x:c>`);

    const grid = toWorkbookInput(parseXlsx(outcome.bytes));
    expect(grid.sheets[0].values[1]).toEqual(['BK Union', 250_000, 'Nørrebro', '']);
    expect(grid.sheets[0].numberFormat![1][1]).toBe('#,##0 "kr."');
    expect(grid.sheets[0].valueTypes![2][2]).toBe('Uncalculated');
    expect(grid.sheets[1].values[0]).toEqual(['', '', 'B2!', 200]);
  });

  it('a file without a styles part: the values are written and the format left out, said in the outcome', () => {
    const original = readFileSync(join(repoRoot, 'tests/fixtures/xlsx/crafted-namespace-prefix.xlsx'));
    const outcome = patchWorkbookCells(original, [{ sheet: toWorkbookInput(parseXlsx(original)).sheets[0].name, cell: 'A2', value: 250_000, numberFormat: '#,##0 "kr."' }]);
    expect(outcome.written).toHaveLength(1);
    expect(outcome.formatsLeftOut).toBe(1);
    expect(toWorkbookInput(parseXlsx(outcome.bytes)).sheets[0].values[1][0]).toBe(250_000);
  });

  it('a sheet or cell that is not there is skipped, not invented', () => {
    const outcome = patchWorkbookCells(prefixedWorkbook(), [
      { sheet: 'Findes ikke', cell: 'A1', value: 1 },
      { sheet: 'Oversigt', cell: 'Z99', value: 1 },
    ]);
    expect(outcome.skipped.map((s) => s.reason)).toEqual(['no-sheet', 'no-cell']);
    expect(outcome.bytes.equals(prefixedWorkbook())).toBe(true);
  });

  it('markup characters and a literal _xHHHH_ are escaped as Excel escapes them, and read back as they were', () => {
    const text = 'A & B <ny> "citat" _x0041_ ';
    const outcome = patchWorkbookCells(prefixedWorkbook(), [{ sheet: 'Budget 2025', cell: 'A2', value: text }]);
    expect(toWorkbookInput(parseXlsx(outcome.bytes)).sheets[0].values[1][0]).toBe(text);
  });
});

describe('formulaRefs', () => {
  it.each([
    ['SUM(D5:D26)', [{ sheet: null, r1: 4, c1: 3, r2: 25, c2: 3 }], false],
    ["'Budget 2025'!C3*2+Oversigt!$A$1", [{ sheet: 'Budget 2025', r1: 2, c1: 2, r2: 2, c2: 2 }, { sheet: 'Oversigt', r1: 0, c1: 0, r2: 0, c2: 0 }], false],
    ['SUM(B:B)+SUM(3:4)', [{ sheet: null, r1: 0, c1: 1, r2: 1_048_575, c2: 1 }, { sheet: null, r1: 2, c1: 0, r2: 3, c2: 16_383 }], false],
    ['"D5"&LOG10(100)&TRUE', [], false],
    ['[1]Ark1!A1', [], false],
    ['SUM(Tilskud)', [], true],
    ['SUM(Tabel1[Beløb])', [], true],
    ['INDIRECT("A1")', [], true],
    ['_xlfn.OFFSET(A1,1,0)', [{ sheet: null, r1: 0, c1: 0, r2: 0, c2: 0 }], true],
    // A 3-D reference reads every sheet from Jan to Mar: opaque, whatever else is known.
    ['SUM(Jan:Mar!B2)', [{ sheet: 'Mar', r1: 1, c1: 1, r2: 1, c2: 1 }], true],
  ])('%s', (text, areas, opaque) => {
    const refs = formulaRefs(text);
    expect(refs.areas).toEqual(areas);
    expect(refs.opaque).toBe(opaque);
  });
});
