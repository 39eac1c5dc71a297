/**
 * The files issue 12 found slow or unbounded, written into a folder for bench/reader.bench.ts: a validation over
 * the whole sheet, whole-column validations with input messages, many merges, our own template (input messages
 * on its columns), a 1 MB shared string used by 12,000 cells, a zip whose headers under-declare a 600 MB sheet, and
 * a 1,000,000-row sheet.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTemplateFile } from '../server/xlsx/write-template';
import { MAIN_NS, REL_NS, rels, sheetData, writeZip, xlsxOf } from '../tests/server/xlsx/xlsx-parts';

const rowsOf = (n: number, cell: (r: number) => string[]) => Array.from({ length: n }, (_v, r) => cell(r + 1));
const header = [['<c r="A1" t="inlineStr"><is><t>Forening</t></is></c>', '<c r="B1" t="inlineStr"><is><t>Tilskud</t></is></c>'], ['<c r="A2" t="inlineStr"><is><t>BK Union</t></is></c>', '<c r="B2"><v>250000</v></c>']];

function validation(sqref: string, i: number): string {
  return `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="Felt ${i}" prompt="Vælg fra listen." sqref="${sqref}"><formula1>"Ja,Nej"</formula1></dataValidation>`;
}

/** Under-declared: the sheet inflates to `mb` MB of XML, the headers say 100 bytes. */
function lyingZip(mb: number): Buffer {
  const sheet = Buffer.concat([
    Buffer.from(`<worksheet xmlns="${MAIN_NS}">${sheetData(header)}<!--`),
    Buffer.alloc(mb * 1024 * 1024, 0x20),
    Buffer.from('--></worksheet>'),
  ]);
  return writeZip([
    { name: '_rels/.rels', data: rels([{ id: 'R1', type: 'officeDocument', target: 'xl/workbook.xml' }]) },
    { name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Budget" sheetId="1" r:id="R2"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: rels([{ id: 'R2', type: 'worksheet', target: 'worksheets/sheet1.xml' }]) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: 100 },
  ]);
}

export async function writeHostileFiles(dir: string): Promise<Array<{ name: string; file: string }>> {
  mkdirSync(dir, { recursive: true });
  const files: Array<{ name: string; make: () => Buffer | Promise<void> }> = [
    { name: 'validation-A1-XFD1048576', make: () => xlsxOf({ sheets: [{ name: 'Budget', body: `${sheetData(header)}<dataValidations count="1">${validation('A1:XFD1048576', 1)}</dataValidations>` }] }) },
    {
      name: 'whole-column-validations',
      make: () => xlsxOf({ sheets: [{ name: 'Budget', body: `${sheetData(header)}<dataValidations count="12">${'ABCDEFGHIJKL'.split('').map((c, i) => validation(`${c}:${c}`, i)).join('')}</dataValidations>` }] }),
    },
    {
      name: 'many-merges-20k',
      make: () => {
        const rows = rowsOf(20_000, (r) => [`<c r="A${r}" t="inlineStr"><is><t>Forening ${r}</t></is></c>`, `<c r="C${r}"><v>${r}</v></c>`]);
        const merges = Array.from({ length: 20_000 }, (_v, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
        return xlsxOf({ sheets: [{ name: 'Budget', body: `${sheetData(rows)}<mergeCells count="20000">${merges}</mergeCells>` }] });
      },
    },
    { name: 'template-input-messages', make: () => writeTemplateFile(join(dir, 'template-input-messages.xlsx'), 2025) },
    {
      name: 'shared-string-1mb-x12000',
      make: () => xlsxOf({ sharedStrings: [`<t>${'x'.repeat(1024 * 1024)}</t>`], sheets: [{ name: 'Budget', body: sheetData(rowsOf(12_000, (r) => [`<c r="A${r}" t="s"><v>0</v></c>`])) }] }),
    },
    { name: 'under-declared-600mb', make: () => lyingZip(600) },
    {
      name: 'rows-1000000',
      make: () => xlsxOf({ sheets: [{ name: 'Medlemstal', body: sheetData(rowsOf(1_000_000, (r) => [`<c r="A${r}" t="inlineStr"><is><t>Forening ${r % 5000}</t></is></c>`, `<c r="B${r}"><v>${r % 400}</v></c>`, `<c r="C${r}"><v>${2012 + (r % 14)}</v></c>`])) }] }),
    },
  ];
  const out: Array<{ name: string; file: string }> = [];
  for (const f of files) {
    const file = join(dir, `${f.name}.xlsx`);
    if (!existsSync(file)) {
      const made = await f.make();
      if (Buffer.isBuffer(made)) writeFileSync(file, made);
    }
    out.push({ name: f.name, file });
  }
  return out;
}
