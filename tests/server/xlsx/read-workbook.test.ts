import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile, WorkbookReadError } from '../../../server/xlsx/read-workbook';
import { sheetData, xlsxOf } from './xlsx-parts';

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid one-cell workbook, for the tests that damage one. */
async function smallXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Budget').getCell('A1').value = 'Forening';
  return toBuffer(wb);
}

async function readError(input: string | Buffer, opts?: Parameters<typeof readWorkbookFile>[1]): Promise<WorkbookReadError> {
  try {
    await readWorkbookFile(input, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbookReadError);
    const e = err as WorkbookReadError;
    expect(e.message).toBe(e.messageIn('da'));
    for (const line of [e.messageIn('da'), e.messageIn('en')]) {
      expect(line).not.toContain('\n');
      expect(line).not.toMatch(/\bat .*:\d+:\d+|TypeError|RangeError|undefined|Cannot read/);
    }
    return e;
  }
  throw new Error('expected readWorkbookFile to fail');
}

const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('readWorkbookFile: cell values as Office.js Range.values gives them', () => {
  it('converts every kind of exceljs cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Budget 2025');
    ws.getCell('A1').value = 'Forening';
    ws.getCell('B1').value = 250000;
    ws.getCell('B1').numFmt = '#,##0 "kr."';
    ws.getCell('C1').value = true;
    ws.getCell('D1').value = { formula: 'B1*2', result: 500000 };
    ws.getCell('E1').value = { formula: 'A1&"x"', result: 'Foreningx' };
    ws.getCell('A2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    ws.getCell('B2').value = { error: '#REF!' };
    ws.getCell('C2').value = { richText: [{ text: 'Amager ', font: { bold: true } }, { text: 'SK' }] };
    ws.getCell('D2').value = { text: 'BK Union', hyperlink: 'https://example.org' };
    ws.getCell('E2').value = new Date(Date.UTC(2025, 0, 1));
    ws.getCell('E2').numFmt = 'dd-mm-yyyy';
    ws.getCell('A3').value = 'Nørrebro';
    ws.mergeCells('A3:C4');
    ws.getCell('D4').value = { sharedFormula: 'D1', result: 7 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('A5').value = { formula: 'SUM(B1:B3)' } as ExcelJS.CellFormulaValue;
    ws.getCell('B5').value = 'last';
    ws.getRow(2).hidden = true;
    const [sheet] = (await readWorkbookFile(await toBuffer(wb))).sheets;

    expect(sheet.name).toBe('Budget 2025');
    expect(sheet.values).toEqual([
      ['Forening', 250000, true, 500000, 'Foreningx'],
      ['#DIV/0!', '#REF!', 'Amager SK', 'BK Union', 45658],
      // The merged area A3:C4 keeps its value in the top-left cell only.
      ['Nørrebro', '', '', '', ''],
      ['', '', '', 7, ''],
      ['', 'last', '', '', ''],
    ]);
    expect(sheet.valueTypes?.[4][0]).toBe('Uncalculated');
    expect(sheet.formulas?.[0]).toEqual(['', '', '', '=B1*2', '=A1&"x"']);
    expect(sheet.formulas?.[3][3]).toBe('=B4*2');
    expect(sheet.formulas?.[4][0]).toBe('=SUM(B1:B3)');
    expect(sheet.valueTypes?.[1].slice(0, 2)).toEqual(['Error', 'Error']);
    expect(sheet.valueTypes?.[0].slice(0, 3)).toEqual(['String', 'Double', 'Boolean']);
    expect(sheet.valueTypes?.[2][1]).toBe('Empty');
    expect(sheet.numberFormat?.[0][1]).toBe('#,##0 "kr."');
    expect(sheet.numberFormat?.[1][4]).toBe('dd-mm-yyyy');
    expect(sheet.numberFormat?.[0][0]).toBe('General');
    expect(sheet.hiddenRows).toEqual([1]);
  });

  it('keeps the sheets in workbook order, hands over the 1904 flag and the serials as the file holds them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('Medlemstal').getCell('A1').value = new Date(Date.UTC(2025, 0, 1));
    wb.addWorksheet('Budget').getCell('A1').value = 'x';
    const input = await readWorkbookFile(await toBuffer(wb));
    expect(input.sheets.map((s) => s.name)).toEqual(['Medlemstal', 'Budget']);
    expect(input.date1904).toBe(true);
    // 2025-01-01 is serial 45658 in the 1900 system and 1462 days less in the 1904 system; the core reads the flag.
    expect(input.sheets[0].values[0][0]).toBe(45658 - 1462);
  });

  it('bounds the grid by the cells that hold values, not by formatting far away', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Budget');
    ws.getCell('A1').value = 'Forening';
    ws.getCell('B2').value = 1;
    ws.getCell('Z500').numFmt = '0.00';
    const [sheet] = (await readWorkbookFile(await toBuffer(wb))).sheets;
    expect(sheet.values).toEqual([['Forening', ''], ['', 1]]);
  });

  it('reads a path as well as bytes, and an empty worksheet as an empty grid', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tom');
    const dir = mkdtempSync(join(tmpdir(), 'partnerskab-read-'));
    const file = join(dir, 'tom.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await readWorkbookFile(file)).toEqual({ sheets: [{ name: 'Tom', values: [], valueTypes: [], numberFormat: [] }] });
  });
});

describe('readWorkbookFile: files it cannot read give one line saying why, in Danish and English', () => {
  it('an empty file', async () => {
    const e = await readError(Buffer.alloc(0));
    expect(e.reason).toBe('empty');
    expect(e.messages).toEqual({
      da: 'Filen er tom (0 byte): Gem projektmappen fra Excel som .xlsx, og prøv igen.',
      en: 'The file is empty (0 bytes): save the workbook from Excel as .xlsx and try again.',
    });
  });

  it('a CSV file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'partnerskab-read-'));
    const file = join(dir, 'budget.xlsx');
    writeFileSync(file, 'Forening;Bydel;Tilskud\nBK Union;Nørrebro;250000\n');
    const e = await readError(file);
    expect(e.reason).toBe('not-xlsx');
    expect(e.message).toBe('budget.xlsx er ikke en Excel-projektmappe (den ligner en CSV- eller tekstfil): Gem den fra Excel som "Excel-projektmappe (.xlsx)".');
    expect(e.messageIn('en')).toBe('budget.xlsx is not an xlsx workbook (it looks like a CSV or text file): save it from Excel as "Excel Workbook (.xlsx)".');
  });

  it('random bytes', async () => {
    const e = await readError(Buffer.from([0x13, 0x00, 0xff, 0x42, 0x07, 0x99, 0x00, 0x01]));
    expect(e.reason).toBe('not-xlsx');
    expect(e.messages.da).toMatch(/binære data/);
    expect(e.messages.en).toMatch(/binary/);
  });

  it('a truncated xlsx', async () => {
    const bytes = await smallXlsx();
    const e = await readError(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(e.reason).toBe('truncated');
    expect(e.messages.da).toMatch(/^Filen er afkortet .*Kopiér den igen\.$/);
    expect(e.messages.en).toMatch(/truncated/);
  });

  it('a zip that holds no workbook', async () => {
    const bytes = await smallXlsx();
    // Renaming the entries in place keeps a valid zip whose workbook part is gone.
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/notebook.xml'), 'latin1');
    const e = await readError(renamed);
    expect(e.reason).toBe('not-xlsx');
    expect(e.messages.da).toMatch(/er et zip-arkiv, men ikke en Excel-projektmappe/);
    expect(e.messages.en).toMatch(/zip archive but not an xlsx/);
  });

  it('a password-protected xlsx', async () => {
    const encrypted = await officeCrypto.encrypt(await smallXlsx(), { password: 'hemmeligt' });
    const e = await readError(Buffer.from(encrypted));
    expect(e.reason).toBe('encrypted');
    expect(e.messages.da).toMatch(/beskyttet med adgangskode.*Filer > Oplysninger > Beskyt projektmappe/);
    expect(e.messages.en).toMatch(/password-protected/);
  });

  it('an old .xls (an OLE compound file without encryption streams)', async () => {
    const bytes = Buffer.concat([ole, Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(512)]);
    const e = await readError(bytes);
    expect(e.reason).toBe('legacy-xls');
    expect(e.messages.da).toMatch(/gammel Excel 97-2003-fil \(\.xls\)/);
    expect(e.messages.en).toMatch(/Excel 97-2003 .*\.xls/);
  });

  it('a workbook without worksheets', async () => {
    const e = await readError(await toBuffer(new ExcelJS.Workbook()));
    expect(e.reason).toBe('no-sheets');
    expect(e.message).toBe('Filen har ingen regneark: Tilføj budget- og medlemsarkene, og gem igen.');
  });

  it('a missing file and a directory', async () => {
    const missing = await readError('/nonexistent/budget.xlsx');
    expect(missing.messages).toEqual({ da: '/nonexistent/budget.xlsx: Filen findes ikke. Tjek stien.', en: '/nonexistent/budget.xlsx: no such file; check the path.' });
    expect((await readError(tmpdir())).messages.en).toMatch(/is a directory/);
  });

  it('a parse that runs past the time limit is stopped', async () => {
    const rows = Array.from({ length: 200_000 }, (_v, r) => [`<c r="A${r + 1}" t="inlineStr"><is><t>Forening ${r}</t></is></c>`, `<c r="B${r + 1}"><v>${r}</v></c>`]);
    const e = await readError(xlsxOf({ sheets: [{ name: 'Budget', body: sheetData(rows) }] }), { timeoutMs: 20 });
    expect(e.reason).toBe('too-slow');
    expect(e.messages.da).toMatch(/^Filen tog mere end 20 ms at læse og blev stoppet/);
    expect(e.messages.en).toMatch(/took more than 20 ms to read and was stopped/);
  });

  it('a parse that needs more memory than allowed is stopped', async () => {
    // Each cell holds its own 30,000 characters (Excel's limit is 32,767): 3,000 of them are 90 MB of text.
    const long = 'Nørrebro '.repeat(3_334).slice(0, 30_000);
    const sheetOf = (rows: number) =>
      xlsxOf({ sheets: [{ name: 'Budget', body: sheetData(Array.from({ length: rows }, (_v, r) => [`<c r="A${r + 1}" t="inlineStr"><is><t>${r}${long}</t></is></c>`])) }] });
    // The same limit reads a programme-sized sheet, so it is the file's size that stops the big one.
    expect((await readWorkbookFile(sheetOf(100), { maxMemoryMb: 32 })).sheets[0].values).toHaveLength(100);
    const e = await readError(sheetOf(3_000), { maxMemoryMb: 32 });
    expect(e.reason).toBe('too-big');
    expect(e.messages.da).toMatch(/kræver mere end 32 MB hukommelse at læse og blev stoppet/);
    expect(e.messages.en).toMatch(/needs more than 32 MB of memory/);
  });

  it('a cell over 32,767 characters, through the worker as the CLI and the upload see it', async () => {
    const cells = Array.from({ length: 12_000 }, (_v, i) => [`<c r="A${i + 5}" t="s"><v>0</v></c>`]);
    const wb = xlsxOf({ sharedStrings: [`<t>${'x'.repeat(10_000_000)}</t>`], sheets: [{ name: 'Budget', body: sheetData(cells) }] });
    const e = await readError(wb);
    expect(e.reason).toBe('bad-text');
    expect(e.message).toBe('Budget!A5 har 10.000.000 tegn; Excel tillader højst 32.767 i en celle. Forkort teksten.');
  });
});

describe('readWorkbookFile: a zip bomb', () => {
  it('is refused by the size its zip directory declares for a part it needs, before anything is unpacked', async () => {
    const bytes = await smallXlsx();
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const central = bytes.indexOf(name, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))) - 46;
    bytes.writeUInt32LE(3 * 1024 * 1024 * 1024, central + 24);
    const e = await readError(bytes);
    expect(e.reason).toBe('too-big');
    expect(e.messages.en).toMatch(/unpacks to 3,072 MB, more than the 384 MB limit/);
    expect(e.messages.da).toMatch(/fylder 3\.072 MB udpakket, mere end grænsen på 384 MB/);
  });
});
