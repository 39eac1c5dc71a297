/**
 * The yearly export's two files read back as a reader of them sees them (Excel's cached results, the CSV's
 * fields), into one shape, so tests can hold the .xlsx, the .csv and the districts answer to each other.
 */
import ExcelJS from 'exceljs';

/** RFC 4180 with ; as separator: quoted fields may hold ; "" and line breaks. Lines end in CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at offset ${i}: lines must end in CRLF and quotes open a field`);
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last line does not end in CRLF');
  return records;
}

export interface Counts {
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  under25: number | null;
  totalMembers: number | null;
}

export interface ExportFigures {
  associations: Array<{ association: string; district: string } & Counts>;
  districts: Array<{ district: string; associations: number } & Counts>;
  total: { associations: number } & Counts;
}

const countHeaders: Array<[keyof Counts, string]> = [
  ['age0to12', '0-12 år'], ['age13to18', '13-18 år'], ['age19to24', '19-24 år'], ['under25', 'Medlemmer under 25'], ['totalMembers', 'Medlemmer i alt'],
];

/** A cell's value as a reader that does not recalculate sees it: the cached result for formulas. */
function shown(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'result' in v ? (v.result as ExcelJS.CellValue) : v;
}

const countOf = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** The .xlsx's figures, and its "Om udtrækket" sheet as label → value. */
export async function readXlsxExport(bytes: Buffer, year: number): Promise<ExportFigures & { about: Map<string, unknown> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const table = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet "${name}" in the export`);
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Array<Record<string, unknown>> = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      rows.push(Object.fromEntries(header.map((h, i) => [h, shown(row.getCell(i + 1))])));
    });
    return rows;
  };
  const counts = (r: Record<string, unknown>): Counts =>
    Object.fromEntries(countHeaders.map(([field, header]) => [field, countOf(r[header])])) as unknown as Counts;
  const perAssociation = table(`Medlemstal ${year}`);
  const perDistrict = table(`Bydele ${year}`);
  const totalRow = perDistrict.at(-1)!;
  const about = new Map<string, unknown>();
  wb.getWorksheet('Om udtrækket')?.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
  if (totalRow.Bydel !== 'I alt' || perAssociation.at(-1)!.Forening !== 'I alt') throw new Error('the export has no I alt rows last');
  return {
    associations: perAssociation.slice(0, -1).map((r) => ({ association: String(r.Forening), district: String(r.Bydel ?? ''), ...counts(r) })),
    districts: perDistrict.slice(0, -1).map((r) => ({ district: String(r.Bydel), associations: Number(r.Foreninger), ...counts(r) })),
    total: { associations: Number(totalRow.Foreninger), ...counts(totalRow) },
    about,
  };
}

export function readCsvExport(bytes: Buffer): ExportFigures {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('the CSV has no UTF-8 byte-order mark');
  const [header, ...records] = parseCsv(bytes.subarray(3).toString('utf8'));
  const col = (name: string) => header.indexOf(name);
  // Danish Excel's decimal comma.
  const num = (s: string) => (s === '' ? null : Number(s.replace(',', '.')));
  const counts = (r: string[]): Counts =>
    Object.fromEntries(countHeaders.map(([field, h]) => [field, num(r[col(h)])])) as unknown as Counts;
  const level = (name: string) => records.filter((r) => r[col('Niveau')] === name);
  const [total] = level('I alt');
  return {
    associations: level('Forening').map((r) => ({ association: r[col('Forening')], district: r[col('Bydel')], ...counts(r) })),
    districts: level('Bydel').map((r) => ({ district: r[col('Bydel')], associations: Number(r[col('Foreninger')]), ...counts(r) })),
    total: { associations: Number(total[col('Foreninger')]), ...counts(total) },
  };
}
