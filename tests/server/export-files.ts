/**
 * The yearly export's two files read back as a reader of them sees them (Excel's cached results, the CSV's
 * fields), into one shape, so tests can hold the .xlsx, the .csv and the districts answer to each other.
 */
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import type { MembershipExportYear } from '../../server/export/types';

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

/** The previous year's members under 25 beside this year's, the change and the change as a share (0.1 = 10 %). */
export interface Comparison {
  previousUnder25: number | null;
  change: number | null;
  share: number | null;
}

export interface ExportComparison {
  associations: Array<{ association: string } & Comparison>;
  districts: Array<{ district: string } & Comparison>;
  /** The programme's, from the districts' I alt row (.xlsx) or the years file (.csv). */
  total: Comparison;
}

/** One row of the programme's figures per year, as the series sheet / years file gives them. */
export type SeriesRow = Omit<MembershipExportYear, 'snapshot'> & { versionId: string };

type Lang = 'da' | 'en';

const countHeaders: Record<Lang, Array<[keyof Counts, string]>> = {
  da: [['age0to12', '0-12 år'], ['age13to18', '13-18 år'], ['age19to24', '19-24 år'], ['under25', 'Medlemmer under 25'], ['totalMembers', 'Medlemmer i alt']],
  en: [['age0to12', 'Ages 0-12'], ['age13to18', 'Ages 13-18'], ['age19to24', 'Ages 19-24'], ['under25', 'Members under 25'], ['totalMembers', 'Members total']],
};

/** The headers the readers look for, written out here rather than taken from the writers' own words. */
const words = {
  da: (year: number) => ({
    association: 'Forening', district: 'Bydel', associations: 'Foreninger', total: 'I alt',
    previous: `Medlemmer under 25 i ${year - 1}`, change: 'Ændring', share: 'Ændring i %',
    sheets: { associations: `Medlemstal ${year}`, districts: `Bydele ${year}`, series: 'Udvikling', about: 'Om udtrækket' },
    series: { year: 'År', model: 'Model', extended: 'Heraf udvidede', grant: 'Tilskud', cofinancing: 'Medfinansiering', hours: 'Timer pr. uge', perMember: 'Tilskud pr. medlem under 25', versionId: 'Version-id' },
  }),
  en: (year: number) => ({
    association: 'Association', district: 'District', associations: 'Associations', total: 'Total',
    previous: `Members under 25 in ${year - 1}`, change: 'Change', share: 'Change (%)',
    sheets: { associations: `Members ${year}`, districts: `Districts ${year}`, series: 'By year', about: 'About' },
    series: { year: 'Year', model: 'Model', extended: 'Of which extended', grant: 'Grant', cofinancing: 'Co-financing', hours: 'Hours per week', perMember: 'Grant per member under 25', versionId: 'Version id' },
  }),
};

/** A cell's value as a reader that does not recalculate sees it: the cached result for formulas. */
function shown(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'result' in v ? (v.result as ExcelJS.CellValue) : v;
}

const countOf = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

type Table = Array<Record<string, unknown>>;

function figuresOf(lang: Lang, year: number, perAssociation: Table, perDistrict: Table, total: Record<string, unknown>, shareScale: number) {
  const w = words[lang](year);
  const counts = (r: Record<string, unknown>): Counts =>
    Object.fromEntries(countHeaders[lang].map(([field, header]) => [field, countOf(r[header])])) as unknown as Counts;
  const comparison = (r: Record<string, unknown>): Comparison => ({
    previousUnder25: countOf(r[w.previous]),
    change: countOf(r[w.change]),
    share: countOf(r[w.share]) === null ? null : countOf(r[w.share])! / shareScale,
  });
  return {
    associations: perAssociation.map((r) => ({ association: String(r[w.association]), district: String(r[w.district] ?? ''), ...counts(r) })),
    districts: perDistrict.map((r) => ({ district: String(r[w.district]), associations: Number(r[w.associations]), ...counts(r) })),
    total: { associations: Number(total[w.associations]), ...counts(total) },
    comparison: {
      associations: perAssociation.map((r) => ({ association: String(r[w.association]), ...comparison(r) })),
      districts: perDistrict.map((r) => ({ district: String(r[w.district]), ...comparison(r) })),
      total: comparison(total),
    } satisfies ExportComparison,
  };
}

function seriesOf(lang: Lang, year: number, rows: Table): SeriesRow[] {
  const w = words[lang](year);
  const h = Object.fromEntries(countHeaders[lang]) as Record<keyof Counts, string>;
  return rows.map((r) => ({
    year: Number(r[w.series.year]), model: String(r[w.series.model]), associations: Number(r[w.associations]), extended: Number(r[w.series.extended]),
    under25: Number(r[h.under25]), age0to12: countOf(r[h.age0to12]), age13to18: countOf(r[h.age13to18]), age19to24: countOf(r[h.age19to24]),
    totalMembers: countOf(r[h.totalMembers]), grant: Number(r[w.series.grant]), cofinancing: Number(r[w.series.cofinancing]),
    hours: Number(r[w.series.hours]), grantPerMemberUnder25: countOf(r[w.series.perMember]), versionId: String(r[w.series.versionId]),
  }));
}

/** The .xlsx's figures, its series sheet, and its "Om udtrækket" sheet as label → value. */
export async function readXlsxExport(bytes: Buffer, year: number, lang: Lang = 'da') {
  const w = words[lang](year);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const table = (name: string): Table => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet "${name}" in the export (it has ${wb.worksheets.map((s) => `"${s.name}"`).join(', ')})`);
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Table = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      rows.push(Object.fromEntries(header.map((h, i) => [h, shown(row.getCell(i + 1))])));
    });
    return rows;
  };
  const perAssociation = table(w.sheets.associations);
  const perDistrict = table(w.sheets.districts);
  const totalRow = perDistrict.at(-1)!;
  if (totalRow[w.district] !== w.total || perAssociation.at(-1)![w.association] !== w.total) throw new Error(`the export has no ${w.total} rows last`);
  const about = new Map<string, unknown>();
  wb.getWorksheet(w.sheets.about)?.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
  return {
    ...figuresOf(lang, year, perAssociation.slice(0, -1), perDistrict.slice(0, -1), totalRow, 1),
    associationTotal: perAssociation.at(-1)!,
    series: seriesOf(lang, year, table(w.sheets.series)),
    about,
    workbook: wb,
  };
}

/**
 * A CSV as Danish Excel opens it, read by SheetJS (a real CSV parser, which guesses the separator as Excel
 * does): header → field per record, every field as the text it holds.
 */
export function csvRecords(bytes: Buffer): { header: string[]; records: string[][] } {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('the CSV has no UTF-8 byte-order mark');
  parseCsv(bytes.subarray(3).toString('utf8'));
  const wb = XLSX.read(bytes, { type: 'buffer', raw: true });
  const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: '' });
  const [header, ...records] = rows.map((r) => r.map(String));
  return { header, records };
}

function csvTable(bytes: Buffer): Table {
  const { header, records } = csvRecords(bytes);
  // Danish Excel's decimal comma.
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === '' ? '' : /^-?\d+(,\d+)?$/.test(r[i]) ? r[i].replace(',', '.') : r[i]])));
}

export interface CsvExportFiles {
  associations: Buffer;
  districts: Buffer;
  years: Buffer;
}

/** The three CSV files of a year's export; `get` fetches a path (the service's request with a reader token). */
export async function fetchCsvExport(get: (path: string) => Promise<Buffer>, year: number, query = ''): Promise<CsvExportFiles> {
  const [associations, districts, years] = await Promise.all(
    ['membership.csv', 'membership-districts.csv', 'membership-years.csv'].map((f) => get(`/api/years/${year}/${f}${query}`)),
  );
  return { associations, districts, years };
}

/** The CSV files' figures; the programme total is the years file's row for the year (the files hold no I alt rows). */
export function readCsvExport(files: CsvExportFiles, year: number, lang: Lang = 'da') {
  const series = seriesOf(lang, year, csvTable(files.years));
  const now = series.find((y) => y.year === year);
  if (!now) throw new Error(`the years file has no row for ${year}`);
  const before = series.find((y) => y.year === year - 1) ?? null;
  const w = words[lang](year);
  const h = Object.fromEntries(countHeaders[lang]) as Record<keyof Counts, string>;
  const change = before ? now.under25 - before.under25 : null;
  const total = {
    [w.associations]: now.associations, [h.age0to12]: now.age0to12, [h.age13to18]: now.age13to18, [h.age19to24]: now.age19to24,
    [h.under25]: now.under25, [h.totalMembers]: now.totalMembers, [w.previous]: before?.under25 ?? null, [w.change]: change,
    [w.share]: before && before.under25 > 0 ? (100 * change!) / before.under25 : null,
  };
  return { ...figuresOf(lang, year, csvTable(files.associations), csvTable(files.districts), total, 100), series };
}
