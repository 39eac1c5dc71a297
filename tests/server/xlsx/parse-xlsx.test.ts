import { describe, expect, it } from 'vitest';
import { toWorkbookInput } from '../../../server/xlsx/grid';
import { parseOutcome } from '../../../server/xlsx/parse-outcome';
import { defaultReadLimits, type ReadLimits } from '../../../server/xlsx/parse-xlsx';
import type { ReadProblem } from '../../../server/xlsx/read-problem';
import { workbookReadError } from '../../../server/xlsx/workbook-read-error';
import { MAIN_NS, REL_NS, rels, sheetData, writeZip, xlsxOf } from './xlsx-parts';

function read(bytes: Buffer, limits?: ReadLimits) {
  const outcome = parseOutcome(bytes, limits);
  if (!outcome.ok) throw new Error(`expected a grid, got ${JSON.stringify(outcome.problem)}`);
  return toWorkbookInput(outcome.parsed);
}

function problem(bytes: Buffer, limits?: ReadLimits): ReadProblem {
  const outcome = parseOutcome(bytes, limits);
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.problem;
}

describe('parseXlsx: values as Office.js Range.values gives them', () => {
  it('reads every cell type, cached formula results, and a formula without one as Uncalculated', () => {
    const wb = xlsxOf({
      sharedStrings: ['<t>Forening</t>', '<t xml:space="preserve"> BK Union </t>', '<t></t>'],
      sheets: [
        {
          name: 'Budget',
          body: sheetData([
            ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1"><v>250000</v></c>', '<c r="C1" t="b"><v>1</v></c>', '<c r="D1"><f>B1*2</f><v>500000</v></c>'],
            ['<c r="A2" t="s"><v>1</v></c>', '<c r="B2" t="e"><v>#DIV/0!</v></c>', '<c r="C2" t="str"><f>A1&amp;"x"</f><v>Foreningx</v></c>', '<c r="D2"><f>SUM(B1:B9)</f></c>'],
            ['<c r="A3" t="s"><v>2</v></c>', '<c r="B3"><f>B1</f><v></v></c>', '<c r="C3" t="str"><f>""</f><v></v></c>', '<c r="D3"><v>-1.5E-3</v></c>'],
          ]),
        },
      ],
    });
    const [sheet] = read(wb).sheets;
    expect(sheet.values).toEqual([
      ['Forening', 250000, true, 500000],
      [' BK Union ', '#DIV/0!', 'Foreningx', ''],
      ['', '', '', -0.0015],
    ]);
    expect(sheet.valueTypes).toEqual([
      ['String', 'Double', 'Boolean', 'Double'],
      ['String', 'Error', 'String', 'Uncalculated'],
      ['Empty', 'Uncalculated', 'String', 'Double'],
    ]);
    expect(sheet.formulas).toEqual([
      ['', '', '', '=B1*2'],
      ['', '', '=A1&"x"', '=SUM(B1:B9)'],
      ['', '=B1', '=""', ''],
    ]);
  });

  it('expands a shared formula to each cell it covers, moved as Excel fills it', () => {
    const rows = [['<c r="A1"><v>1</v></c>', '<c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+SUM(A$1:A1)</f><v>4</v></c>']];
    rows.push(['<c r="A2"><v>2</v></c>', '<c r="B2"><f t="shared" si="0"/><v>7</v></c>']);
    rows.push(['<c r="A3"><v>3</v></c>', '<c r="B3"><f t="shared" si="0"/><v>10</v></c>']);
    const [sheet] = read(xlsxOf({ sheets: [{ name: 'S', body: sheetData(rows) }] })).sheets;
    expect(sheet.formulas?.map((r) => r[1])).toEqual(['=A1*2+$A$1+SUM(A$1:A1)', '=A2*2+$A$1+SUM(A$1:A2)', '=A3*2+$A$1+SUM(A$1:A3)']);
    expect(sheet.values.map((r) => r[1])).toEqual([4, 7, 10]);
  });

  it('joins rich text runs, plain text before a run (Excel 2010), inline rich text, and leaves out phonetic guides', () => {
    const wb = xlsxOf({
      sharedStrings: ['<r><rPr><b/></rPr><t>Amager </t></r><r><t>SK</t></r>', '<t>Nørre</t><r><rPr><i/></rPr><t>bro</t></r>', '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'],
      sheets: [
        {
          name: 'S',
          body: sheetData([
            ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>'],
            ['<c r="A2" t="inlineStr"><is><t>Valby</t></is></c>', '<c r="B2" t="inlineStr"><is><r><t>In</t></r><r><rPr><b/></rPr><t>line</t></r></is></c>', '<c r="C2" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c>'],
          ]),
        },
      ],
    });
    expect(read(wb).sheets[0].values).toEqual([
      ['Amager SK', 'Nørrebro', '東京'],
      ['Valby', 'Inline', 'a\rb_x0041_'],
    ]);
  });

  it('keeps the number format of each cell: built-in ids and custom codes', () => {
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0 &quot;kr.&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="3"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs>';
    const wb = xlsxOf({ styles, sheets: [{ name: 'S', body: sheetData([['<c r="A1" s="1"><v>250000</v></c>', '<c r="B1" s="2"><v>45658</v></c>', '<c r="C1" s="0"><v>1</v></c>', '<c r="D1" s="9"><v>1</v></c>']]) }] });
    expect(read(wb).sheets[0].numberFormat).toEqual([['#,##0 "kr."', 'mm-dd-yy', 'General', 'General']]);
  });

  it('hands over the 1904 flag and the serials as written; an ISO date cell becomes a serial of that system', () => {
    const cells = [['<c r="A1"><v>44196</v></c>', '<c r="B1" t="d"><v>2025-01-01T00:00:00</v></c>']];
    const of1904 = read(xlsxOf({ date1904: true, sheets: [{ name: 'S', body: sheetData(cells) }] }));
    expect(of1904.date1904).toBe(true);
    expect(of1904.sheets[0].values).toEqual([[44196, 45658 - 1462]]);
    const of1900 = read(xlsxOf({ sheets: [{ name: 'S', body: sheetData(cells) }] }));
    expect(of1900.date1904).toBeUndefined();
    expect(of1900.sheets[0].values).toEqual([[44196, 45658]]);
  });

  it('leaves merged cells but the top-left one empty, and lists hidden rows', () => {
    const body =
      sheetData([
        ['<c r="A1" t="inlineStr"><is><t>Nørrebro</t></is></c>', '<c r="B1" t="inlineStr"><is><t>hidden by the merge</t></is></c>'],
        ['<c r="A2"><v>1</v></c>'],
      ]).replace('<row r="2">', '<row r="2" hidden="1">') + '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>';
    const [sheet] = read(xlsxOf({ sheets: [{ name: 'S', body }] })).sheets;
    expect(sheet.values).toEqual([['Nørrebro', ''], [1, '']]);
    expect(sheet.valueTypes?.[0]).toEqual(['String', 'Empty']);
    expect(sheet.hiddenRows).toEqual([1]);
    expect(sheet.formulas).toBeUndefined();
  });

  it('keeps hidden and very hidden sheets in workbook order, and leaves chart sheets out as Office.js does', () => {
    const wb = xlsxOf({
      sheets: [
        { name: 'Budget', body: sheetData([['<c r="A1"><v>1</v></c>']]) },
        { name: 'Opslag', state: 'hidden', body: sheetData([['<c r="A1"><v>2</v></c>']]) },
        { name: 'Intern', state: 'veryHidden', body: sheetData([['<c r="A1"><v>3</v></c>']]) },
      ],
      extraParts: [],
    });
    expect(read(wb).sheets.map((s) => s.name)).toEqual(['Budget', 'Opslag', 'Intern']);
  });

  it('bounds the grid by the cells that hold values, not by styles, dimensions or a validation over the whole sheet', () => {
    const body =
      '<dimension ref="A1:XFD1048576"/>' +
      sheetData([['<c r="A1" t="inlineStr"><is><t>Forening</t></is></c>', '<c r="Z1" s="0"/>'], ['<c r="B2"><v>1</v></c>', '<c r="XFD2" s="0"></c>']]) +
      '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576" showInputMessage="1" promptTitle="x" prompt="y"><formula1>"a,b"</formula1></dataValidation></dataValidations>' +
      '<conditionalFormatting sqref="A:XFD"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>';
    const [sheet] = read(xlsxOf({ sheets: [{ name: 'S', body }] })).sheets;
    expect(sheet.values).toEqual([['Forening', ''], ['', 1]]);
  });

  it('reads cells written without addresses in order, and rows without numbers after the last', () => {
    const body = '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row></sheetData>';
    expect(read(xlsxOf({ sheets: [{ name: 'S', body }] })).sheets[0].values).toEqual([['a', 2, '', ''], ['', '', 3, 4]]);
  });
});

describe('parseXlsx: what other programs write', () => {
  it('namespace prefixes (Open XML SDK, older ClosedXML, WPS): <x:workbook>, <x:c>, <x:si>', () => {
    const wb = writeZip([
      { name: '_rels/.rels', data: rels([{ id: 'R1', type: 'officeDocument', target: '/xl/workbook.xml' }]) },
      { name: 'xl/workbook.xml', data: `<x:workbook xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheets><x:sheet name="Budget" sheetId="1" rel:id="R2"/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: rels([{ id: 'R2', type: 'worksheet', target: '/xl/worksheets/sheet1.xml' }, { id: 'R3', type: 'sharedStrings', target: '/xl/sharedStrings.xml' }]) },
      { name: 'xl/sharedStrings.xml', data: `<x:sst xmlns:x="${MAIN_NS}"><x:si><x:t>Forening</x:t></x:si></x:sst>` },
      { name: 'xl/worksheets/sheet1.xml', data: `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>` },
    ]);
    expect(read(wb).sheets).toEqual([{ name: 'Budget', values: [['Forening', 7]], valueTypes: [['String', 'Double']], numberFormat: [['General', 'General']] }]);
  });

  it('openpyxl: comments at xl/comments/comment1.xml and absolute table targets are passed over', () => {
    const sheetRels = rels([
      { id: 'rId1', type: 'comments', target: '/xl/comments/comment1.xml' },
      { id: 'rId2', type: 'table', target: '/xl/tables/table1.xml' },
      { id: 'rId3', type: 'hyperlink', target: 'https://example.org/', external: true },
    ]);
    const wb = xlsxOf({
      sheets: [{ name: 'Sheet', body: sheetData([['<c r="A1" t="inlineStr"><is><t>x</t></is></c>']]) + '<tableParts count="1"><tablePart r:id="rId2"/></tableParts>' }],
      extraParts: [
        { name: 'xl/worksheets/_rels/sheet1.xml.rels', data: sheetRels },
        { name: 'xl/comments/comment1.xml', data: 'not even xml <' },
        { name: 'xl/tables/table1.xml', data: '<table' },
      ],
    });
    expect(read(wb).sheets[0].values).toEqual([['x']]);
  });

  it('an Apple Numbers export: the sheet part named sheet.xml in a folder of its own', () => {
    const wb = xlsxOf({ sheets: [{ name: 'Tabel 1', part: 'xl/worksheets/Sheet 1/sheet.xml', body: sheetData([['<c r="A1"><v>1</v></c>']]) }] });
    expect(read(wb).sheets.map((s) => [s.name, s.values])).toEqual([['Tabel 1', [[1]]]]);
  });

  it('Strict Open XML namespaces, a UTF-16 part, CDATA, comments and a DOCTYPE whose entities are never expanded', () => {
    const strictMain = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const strictRel = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
    const sheet = `<!DOCTYPE worksheet [<!ENTITY lol "lollollol">]><worksheet xmlns="${strictMain}"><!-- a note --><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<Østerbro>]]> &amp; &lol;</t></is></c></row></sheetData></worksheet>`;
    const wb = writeZip([
      { name: '_rels/.rels', data: rels([{ id: 'R1', type: 'officeDocument', target: 'xl/workbook.xml' }]) },
      { name: 'xl/workbook.xml', data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<workbook xmlns="${strictMain}" xmlns:r="${strictRel}"><sheets><sheet name="S" sheetId="1" r:id="R2"/></sheets></workbook>`, 'utf16le')]) },
      { name: 'xl/_rels/workbook.xml.rels', data: rels([{ id: 'R2', type: 'worksheet', target: 'worksheets/sheet1.xml' }]) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect(read(wb).sheets[0].values).toEqual([['<Østerbro> & &lol;']]);
  });

  it('elements of other namespaces (extensions, markup compatibility) are not taken for cells', () => {
    const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext uri="{x}" xmlns:x14="urn:x14"><x14:c r="B1"><x14:v>9</x14:v></x14:c></ext></extLst>`;
    expect(read(xlsxOf({ sheets: [{ name: 'S', body }] })).sheets[0].values).toEqual([[1]]);
  });

  it('part names that differ in case from their relationship, and targets with ../', () => {
    const wb = writeZip([
      { name: '_rels/.rels', data: rels([{ id: 'R1', type: 'officeDocument', target: 'xl/workbook.xml' }]) },
      { name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="R2"/></sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: rels([{ id: 'R2', type: 'worksheet', target: './worksheets/../worksheets/Sheet1.xml' }, { id: 'R3', type: 'sharedStrings', target: 'sharedstrings.xml' }]) },
      { name: 'xl/SharedStrings.xml', data: `<sst xmlns="${MAIN_NS}"><si><t>ok</t></si></sst>` },
      { name: 'xl/worksheets/sheet1.xml', data: `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>` },
    ]);
    expect(read(wb).sheets[0].values).toEqual([['ok']]);
  });
});

describe('parseXlsx: bounds and refusals', () => {
  it('a cell over 32,767 characters is refused naming the cell, in Danish and English', () => {
    const big = 'x'.repeat(1024 * 1024);
    const cells = Array.from({ length: 12_000 }, (_v, i) => [`<c r="A${i + 1}" t="s"><v>0</v></c>`]);
    const wb = xlsxOf({ sharedStrings: [`<t>${big}</t>`], sheets: [{ name: 'Budget', body: sheetData(cells) }] });
    const p = problem(wb);
    expect(p).toEqual({ kind: 'text-too-long', sheet: 'Budget', cell: 'A1', length: 1_048_576, max: 32_767 });
    const e = workbookReadError(p, 'budget.xlsx');
    expect(e.reason).toBe('bad-text');
    expect(e.message).toBe('Budget!A1 har 1.048.576 tegn; Excel tillader højst 32.767 i en celle. Forkort teksten.');
    expect(e.messageIn('en')).toBe('Budget!A1 has 1,048,576 characters; Excel allows at most 32,767 in a cell. Shorten the text.');
  });

  it('a shared string used by many cells is one string, not a copy per cell', () => {
    const text = 'Tilskud fra Socialforvaltningen '.repeat(1000).slice(0, 32_000);
    const cells = Array.from({ length: 12_000 }, (_v, i) => [`<c r="A${i + 1}" t="s"><v>0</v></c>`]);
    const outcome = parseOutcome(xlsxOf({ sharedStrings: [`<t>${text}</t>`], sheets: [{ name: "Budget '25", body: sheetData(cells) }] }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // What crosses from the worker: one string, 12,000 indices to it.
    expect(outcome.parsed.strings.filter((s) => s === text)).toHaveLength(1);
    expect(new Set(outcome.parsed.sheets[0].nums)).toEqual(new Set([0]));
    const grid = toWorkbookInput(outcome.parsed).sheets[0];
    expect(grid.values).toHaveLength(12_000);
    expect(grid.values[11_999][0]).toBe(text);
  });

  it('a sheet that spans more cells than the limit stops at the cell that makes it so', () => {
    const wb = xlsxOf({ sheets: [{ name: 'Budget', body: sheetData([['<c r="A1"><v>1</v></c>']]).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>') }] });
    const p = problem(wb);
    expect(p).toEqual({ kind: 'too-many-cells', sheet: 'Budget', rows: 1_048_576, cols: 16_384, limit: defaultReadLimits.maxCells });
    expect(workbookReadError(p, null).messageIn('en')).toBe(
      'The file is too big to read (sheet "Budget" spans 1,048,576 rows × 16,384 columns; at most 5,000,000 cells in all): delete the stray cells far below or right of the data and save again.',
    );
  });

  it('a zip whose headers under-declare the sizes is stopped by counting what inflates', () => {
    const body = sheetData([['<c r="A1"><v>1</v></c>']]) + `<!--${' '.repeat(4 * 1024 * 1024)}-->`;
    const honest = xlsxOf({ sheets: [{ name: 'S', body }] });
    const lying = xlsxOf({ sheets: [{ name: 'S', part: 'xl/worksheets/sheet1.xml', body }] });
    // Rewrite the sheet's declared size (local and central headers) to 100 bytes.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = lying.indexOf(name); at >= 0; at = lying.indexOf(name, at + 1)) {
      if (lying.readUInt32LE(at - 30) === 0x04034b50) lying.writeUInt32LE(100, at - 30 + 22);
      if (lying.readUInt32LE(at - 46) === 0x02014b50) lying.writeUInt32LE(100, at - 46 + 24);
    }
    const limits = { ...defaultReadLimits, maxUnpackedBytes: 2 * 1024 * 1024 };
    expect(problem(honest, limits)).toEqual({ kind: 'too-much-unpacked', limitBytes: limits.maxUnpackedBytes, declaredBytes: expect.any(Number) });
    expect(problem(lying, limits)).toEqual({ kind: 'too-much-unpacked', limitBytes: limits.maxUnpackedBytes });
    expect(workbookReadError(problem(lying, limits), null).message).toBe(
      'Filen fylder mere end grænsen på 2 MB udpakket og blev stoppet: så stor kan en budget- eller medlemsprojektmappe ikke være. Slet overflødige ark eller celler, og gem igen.',
    );
    expect(read(lying).sheets[0].values).toEqual([[1]]);
  });

  it('a damaged sheet part is refused naming the sheet; a damaged part it does not need is not opened', () => {
    const broken = xlsxOf({ sheets: [{ name: 'Medlemstal', body: '<sheetData><row r="1"><c r="A1"><v>1</v></row' }] });
    const p = problem(broken);
    expect(p).toEqual({ kind: 'damaged-part', part: 'sheet', sheet: 'Medlemstal' });
    expect(workbookReadError(p, 'tal.xlsx').message).toBe('tal.xlsx er beskadiget (arket "Medlemstal" kan ikke læses): Åbn den i Excel, og gem den igen som .xlsx.');
  });

  it('tells a binary workbook, an OpenDocument spreadsheet and another zip apart from an .xlsx', () => {
    expect(problem(writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.bin', data: 'x' }]))).toEqual({ kind: 'xlsb' });
    expect(problem(writeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 }, { name: 'content.xml', data: '<x/>' }]))).toEqual({ kind: 'ods' });
    expect(problem(writeZip([{ name: 'word/document.xml', data: '<w/>' }]))).toEqual({ kind: 'zip-not-xlsx' });
    expect(problem(xlsxOf({ sheets: [] }))).toEqual({ kind: 'no-sheets' });
  });

  it('a refusal names the sheet as Excel quotes it, and never repeats a sheet name that looks like a CPR number', () => {
    const long = { kind: 'text-too-long', cell: 'B7', length: 40_000, max: 32_767 } as const;
    expect(workbookReadError({ ...long, sheet: "Budget '25" }, null).messageIn('en')).toMatch(/^'Budget ''25'!B7 has 40,000 characters/);
    expect(workbookReadError({ ...long, sheet: '010190-1234' }, null).messages).toEqual({
      da: '(arknavn udeladt)!B7 har 40.000 tegn; Excel tillader højst 32.767 i en celle. Forkort teksten.',
      en: '(sheet name left out)!B7 has 40,000 characters; Excel allows at most 32,767 in a cell. Shorten the text.',
    });
    expect(workbookReadError({ kind: 'damaged-part', part: 'sheet', sheet: '0101901234' }, 'a.xlsx').message).not.toMatch(/0101901234/);
  });

  it('a cell with a NUL, a lone surrogate or U+FFFE (as Excel escapes them) is refused naming the cell, shared or inline', () => {
    const unused = '<t>ubrugt _x0001_</t>';
    const shared = xlsxOf({ sharedStrings: ['<t>Forening</t>', unused, '<t>Siam _x0000_</t>'], sheets: [{ name: 'Budget', body: sheetData([['<c r="A1" t="s"><v>0</v></c>'], ['<c r="A2" t="s"><v>2</v></c>']]) }] });
    const p = problem(shared);
    expect(p).toEqual({ kind: 'cell-text', sheet: 'Budget', cell: 'A2', problem: { kind: 'control', codePoint: 0, index: 5 } });
    const e = workbookReadError(p, null);
    expect(e.reason).toBe('bad-text');
    expect(e.message).toBe('Budget!A2 indeholder et usynligt styretegn (U+0000) ved tegn 6. Skriv teksten igen uden det, fx ved at kopiere den via Notesblok.');
    expect(e.messageIn('en')).toMatch(/^Budget!A2 holds an invisible control character \(U\+0000\)/);
    const inline = xlsxOf({ sheets: [{ name: 'Medlemstal', body: sheetData([['<c r="B3" t="inlineStr"><is><t>Siam _xD800_</t></is></c>']]) }] });
    expect(problem(inline)).toMatchObject({ kind: 'cell-text', sheet: 'Medlemstal', cell: 'B3', problem: { kind: 'surrogate', codePoint: 0xd800 } });
    const formulaResult = xlsxOf({ sheets: [{ name: 'Budget', body: sheetData([['<c r="C1" t="str"><f>A1</f><v>x_xFFFE_</v></c>']]) }] });
    expect(problem(formulaResult)).toMatchObject({ kind: 'cell-text', cell: 'C1', problem: { kind: 'noncharacter', codePoint: 0xfffe } });
    // A shared string no cell uses is never anyone's text: the workbook reads.
    expect(read(xlsxOf({ sharedStrings: [unused], sheets: [{ name: 'Budget', body: sheetData([['<c r="A1"><v>1</v></c>']]) }] })).sheets[0].values).toEqual([[1]]);
  });

  it('a sheet name that looks like a CPR number is refused by its position, never echoed', () => {
    for (const cpr of ['010190-1234', '0101901234', '101901234']) {
      const p = problem(xlsxOf({ sheets: [{ name: `Medlemstal ${cpr}`, body: '' }] }));
      expect(p).toEqual({ kind: 'sheet-name', index: 1, problem: { kind: 'personal-data' } });
      const e = workbookReadError(p, null);
      expect(e.reason).toBe('bad-text');
      expect(e.messages).toEqual({
        da: 'Navnet på ark 1 ser ud til at indeholde et CPR-nummer. Omdøb arket; personoplysninger bliver hverken gemt eller sendt.',
        en: 'The name of sheet 1 looks like it holds a CPR number. Rename the sheet; personal data is neither stored nor sent.',
      });
    }
  });

  it('a sheet name with a control character is refused by its position, never echoed', () => {
    const p = problem(xlsxOf({ sheets: [{ name: 'Budget&#0;', body: '' }] }));
    expect(p).toMatchObject({ kind: 'sheet-name', index: 1, problem: { kind: 'control', codePoint: 0 } });
    expect(workbookReadError(p, null).message).toMatch(/^Navnet på ark 1 indeholder et usynligt styretegn \(U\+0000\)/);
  });
});
