/**
 * The yearly membership export as .xlsx for Danish Excel, written with exceljs's streaming
 * WorkbookWriter so rows go out as they arrive and memory stays flat however many there are.
 *
 * Sheets: "Medlemstal ÅÅÅÅ" (one row per association + I alt), "Bydele ÅÅÅÅ" (one row per
 * district + the programme total) and "Om udtrækket" (which snapshot, when, what it holds).
 */
import ExcelJS from 'exceljs';
import { countColumns, type CountField, sheetNames, TOTAL_LABEL } from './columns';
import { danishTime } from './danish-time';
import { abort, assertOpen, type Out, untilClosedEarly, waitForDrain } from './stream-util';
import { checkAssociationsAgainstTotal, checkCount, checkDistrictsAgainstTotal, CountSums } from './totals';
import type { MembershipExportAssociation, MembershipExportInput } from './types';

type Worksheet = ExcelJS.Worksheet;

export interface XlsxOptions {
  /**
   * Association rows through exceljs's addRow / commit rather than written as XML here: the path taken
   * when exceljs's internals are not as expected, and the reference the direct path is tested against.
   */
  exceljsRows?: boolean;
}

// `#,##0` is stored locale-free; Danish Excel shows it as 18.340.
const COUNT_FORMAT = '#,##0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [
  { state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' },
];
const COUNT_WIDTHS: Record<string, number> = { '0-12 år': 11, '13-18 år': 11, '19-24 år': 11 };
// How often, in rows, the writer checks whether the zip keeps up, and how much uncompressed
// sheet XML it lets pile up before it waits.
const CHECK_EVERY = 100;
const MAX_BACKLOG_BYTES = 512 * 1024;

// exceljs looks a cell's style up by object identity before it renders and hashes it, and
// gives every new cell a fresh copy of its column's style; handing each data cell one shared
// object instead cuts the style work per row to a lookup (a third of the export's time).
const TEXT_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const COUNT_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: COUNT_FORMAT });
const FIRST_COUNT_COLUMN = 3;

function shareRowStyles(row: ExcelJS.Row): void {
  for (let c = 1; c < FIRST_COUNT_COLUMN; c++) row.getCell(c).style = TEXT_STYLE;
  for (let c = FIRST_COUNT_COLUMN; c < FIRST_COUNT_COLUMN + countColumns.length; c++) row.getCell(c).style = COUNT_STYLE;
}

const lastColumn = (count: number) => String.fromCharCode('A'.charCodeAt(0) + count - 1);

function countColumnDefs(): Partial<ExcelJS.Column>[] {
  return countColumns.map((c) => ({ width: COUNT_WIDTHS[c.header] ?? 20, style: { numFmt: COUNT_FORMAT } }));
}

function writeHeader(ws: Worksheet, headers: string[]): void {
  const row = ws.addRow(headers);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  row.commit();
}

/**
 * The I alt row: SUBTOTAL(109, …) like an Excel table's totals row, so with a filter on it shows
 * the sum of the visible rows; the cached result is the full sum, which is what readers that do
 * not recalculate (and Excel before any filter) show.
 */
function writeTotalRow(
  ws: Worksheet,
  leading: ExcelJS.CellValue[],
  counts: Record<CountField, number | null>,
  firstCountCol: number,
  dataEnd: number,
) {
  const values: ExcelJS.CellValue[] = [...leading];
  countColumns.forEach((c, i) => {
    const result = counts[c.field];
    const col = lastColumn(firstCountCol + i);
    values.push(result === null || dataEnd < 2 ? result : { formula: `SUBTOTAL(109,${col}2:${col}${dataEnd})`, result });
  });
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.border = { top: { style: 'thin' } };
  });
  row.commit();
}

type Backlogged = NodeJS.EventEmitter & { writableLength?: number };

/**
 * exceljs's row.commit() never waits: the sheet XML goes into a buffer that archiver hands on
 * to the zip (a PassThrough it put in front of the sheet stream) whenever the zip gets round to
 * it, and deflate only runs when the event loop turns. Left alone, a large export would pile up
 * its whole uncompressed sheet there (about 240 bytes a row), and a slow client would make it
 * worse. So every few rows: if that buffer is over the limit, wait for it to drain (which also
 * carries backpressure from `out`, as the zip stops reading when `out` is full); else give the
 * event loop a turn. The buffer is exceljs/archiver internals, hence the guarded look-up: if it
 * is not where expected, only `out`'s own backpressure is honoured.
 */
async function keepPace(ws: Worksheet, out: Out): Promise<void> {
  assertOpen(out);
  const sheetStream = (ws as unknown as { stream?: { pipes?: Backlogged[] } }).stream;
  const zipInput = sheetStream?.pipes?.[0];
  if (zipInput && (zipInput.writableLength ?? 0) > MAX_BACKLOG_BYTES) await waitForDrain(zipInput, out);
  else if (out.writableNeedDrain) await waitForDrain(out);
  else await new Promise((resolve) => setImmediate(resolve));
}

/**
 * What the direct row path needs of exceljs's streaming WorksheetWriter (4.4): the rows it has not
 * committed (none, once the header is), the number the next row gets, whether <sheetData> is open, and
 * the stream the sheet's XML goes into. Internals, hence looked up with care: if they are not as
 * expected, the rows go through exceljs's own path, which gives the same XML (a test holds the two to it).
 */
interface WorksheetWriterInternals {
  _rowZero: number;
  _rows: unknown[] | null;
  startedData: boolean;
  stream: { write(data: string): unknown };
}

function directAccess(ws: Worksheet): WorksheetWriterInternals | null {
  const w = ws as unknown as Partial<WorksheetWriterInternals>;
  const ready = typeof w._rowZero === 'number' && Array.isArray(w._rows) && w._rows.length === 0 && w.startedData === true;
  return ready && typeof w.stream?.write === 'function' ? (w as WorksheetWriterInternals) : null;
}

/** The style ids exceljs gives TEXT_STYLE and COUNT_STYLE, asked of its style table as a cell would ask. */
function styleIds(wb: ExcelJS.stream.xlsx.WorkbookWriter): { text: number; count: number } | null {
  const styles = (wb as unknown as { styles?: { addStyleModel?: (style: object, type: ExcelJS.ValueType) => number } }).styles;
  if (typeof styles?.addStyleModel !== 'function') return null;
  return { text: styles.addStyleModel(TEXT_STYLE, ExcelJS.ValueType.String), count: styles.addStyleModel(COUNT_STYLE, ExcelJS.ValueType.Number) };
}

const XML_ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// Control characters that XML 1.0 cannot carry are dropped, as exceljs drops them.
// eslint-disable-next-line no-control-regex -- matching those characters is the point
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const xmlText = (text: string) => text.replace(XML_SPECIAL, (c) => XML_ESCAPES[c] ?? '');

const styleAttr = (id: number) => (id ? ` s="${id}"` : '');
// As exceljs writes cells without shared strings: a string as t="str", an empty cell without style left out.
const textCell = (ref: string, value: string | null, style: number) =>
  value === null ? (style ? `<c r="${ref}"${styleAttr(style)}/>` : '') : `<c r="${ref}"${styleAttr(style)} t="str"><v>${xmlText(value)}</v></c>`;
const numberCell = (ref: string, value: number | null, style: number) =>
  value === null ? `<c r="${ref}"${styleAttr(style)}/>` : `<c r="${ref}"${styleAttr(style)}><v>${value}</v></c>`;

const COUNT_LETTERS = countColumns.map((_, i) => lastColumn(FIRST_COUNT_COLUMN + i));
const ROW_SPANS = `1:${FIRST_COUNT_COLUMN - 1 + countColumns.length}`;

/** One association's row of sheet XML, as exceljs renders it from addRow + shareRowStyles. */
function associationRowXml(r: number, a: MembershipExportAssociation, ids: { text: number; count: number }): string {
  let xml = `<row r="${r}" spans="${ROW_SPANS}" x14ac:dyDescent="0.25">${textCell(`A${r}`, a.association, ids.text)}${textCell(`B${r}`, a.district, ids.text)}`;
  for (let i = 0; i < countColumns.length; i++) xml += numberCell(`${COUNT_LETTERS[i]}${r}`, a[countColumns[i].field], ids.count);
  return `${xml}</row>`;
}

/**
 * The association rows, written as sheet XML straight into the worksheet's stream, CHECK_EVERY rows a
 * write. Through addRow / commit exceljs builds a Row, a Cell per field, their models and an XML tree
 * per row: ~25 µs a row warm and several times that in the first export after start, before the JIT
 * has warmed to it (the bulk of a 10,000-row .xlsx; measured in the commit).
 */
async function writeAssociationRowsDirect(
  ws: Worksheet, sheet: WorksheetWriterInternals, ids: { text: number; count: number },
  out: Out, input: MembershipExportInput, sums: CountSums,
): Promise<void> {
  let xml = '';
  let r = sheet._rowZero;
  for await (const a of input.associations) {
    for (const c of countColumns) checkCount(a[c.field], c.field, a.association);
    sums.add(a);
    xml += associationRowXml(r++, a, ids);
    if (sums.rows % CHECK_EVERY === 0) {
      sheet.stream.write(xml);
      xml = '';
      await keepPace(ws, out);
    }
  }
  if (xml !== '') sheet.stream.write(xml);
  // The rows after these (I alt) go through exceljs again, numbered on from here.
  sheet._rowZero = r;
}

async function writeAssociationRowsExceljs(ws: Worksheet, out: Out, input: MembershipExportInput, sums: CountSums): Promise<void> {
  for await (const a of input.associations) {
    for (const c of countColumns) checkCount(a[c.field], c.field, a.association);
    sums.add(a);
    // Plain string cells: exceljs never turns a string into a formula, so a name starting
    // with = + - @ is shown as written and cannot run.
    const row = ws.addRow([a.association, a.district, ...countColumns.map((c) => a[c.field])]);
    shareRowStyles(row);
    row.commit();
    if (sums.rows % CHECK_EVERY === 0) await keepPace(ws, out);
  }
}

async function writeAssociationSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Out, input: MembershipExportInput, options: XlsxOptions,
) {
  const ws = wb.addWorksheet(sheetNames(input.year).associations, { views: FROZEN_HEADER });
  ws.columns = [{ width: 40 }, { width: 28 }, ...countColumnDefs()];
  const headers = ['Forening', 'Bydel', ...countColumns.map((c) => c.header)];
  writeHeader(ws, headers);

  const sums = new CountSums();
  const sheet = options.exceljsRows ? null : directAccess(ws);
  const ids = sheet && styleIds(wb);
  if (sheet && ids) await writeAssociationRowsDirect(ws, sheet, ids, out, input, sums);
  else await writeAssociationRowsExceljs(ws, out, input, sums);
  checkAssociationsAgainstTotal(input.year, sums, input.total);

  const dataEnd = sums.rows + 1;
  // Members under 25 is the programme's headline figure: 0, not blank, when nobody reported it.
  writeTotalRow(ws, [TOTAL_LABEL, null], { ...sums.sums, under25: sums.sums.under25 ?? 0 }, 3, dataEnd);
  // The filter covers header and data but not I alt, so sorting leaves the total at the bottom.
  ws.autoFilter = `A1:${lastColumn(headers.length)}${dataEnd}`;
  ws.commit();
}

function writeDistrictSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: MembershipExportInput) {
  const ws = wb.addWorksheet(sheetNames(input.year).districts, { views: FROZEN_HEADER });
  ws.columns = [{ width: 28 }, { width: 12, style: { numFmt: COUNT_FORMAT } }, ...countColumnDefs()];
  const headers = ['Bydel', 'Foreninger', ...countColumns.map((c) => c.header)];
  writeHeader(ws, headers);
  for (const d of input.districts) {
    const row = ws.addRow([d.district, d.associations, ...countColumns.map((c) => d[c.field])]);
    shareRowStyles(row);
    row.getCell(2).style = COUNT_STYLE;
    row.commit();
  }
  const dataEnd = input.districts.length + 1;
  const associations: ExcelJS.CellValue =
    dataEnd < 2 ? input.total.associations : { formula: `SUBTOTAL(109,B2:B${dataEnd})`, result: input.total.associations };
  writeTotalRow(ws, [TOTAL_LABEL, associations], input.total, 3, dataEnd);
  ws.autoFilter = `A1:${lastColumn(headers.length)}${dataEnd}`;
  ws.commit();
}

function savedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : danishTime(date);
}

function writeAboutSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: MembershipExportInput) {
  const names = sheetNames(input.year);
  const ws = wb.addWorksheet(names.about);
  ws.columns = [{ width: 28 }, { width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } }, { width: 60 }];
  const title = ws.addRow([`Medlemstal i Sociale partnerskaber ${input.year}`]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([]).commit();
  writeHeader(ws, ['Oplysning', 'Værdi', 'English']);
  const lines: [string, string | number, string][] = [
    ['Programår', input.year, 'Programme year'],
    ['Opgjort pr.', `31. december ${input.year}`, 'Members are counted as of 31 December'],
    ['Snapshot-id', input.snapshot.id, 'Snapshot id'],
    ['Indholds-hash', input.snapshot.hash, "Content hash of the snapshot's rows"],
    ['Snapshot gemt (UTC)', input.snapshot.createdAt, 'Snapshot saved (UTC, ISO 8601)'],
    ['Snapshot gemt (dansk tid)', savedAt(input.snapshot.createdAt), 'Snapshot saved (Copenhagen time)'],
    ['Foreninger', input.total.associations, 'Associations'],
    ['Medlemmer under 25', input.total.under25, 'Members under 25'],
    [
      'Personoplysninger',
      'Ingen. Udtrækket indeholder kun antal medlemmer pr. forening og bydel, ingen oplysninger om enkeltpersoner.',
      'None: only counts per association and district, nothing about any person.',
    ],
    [
      'Ark',
      `"${names.associations}": én række pr. forening. "${names.districts}": én række pr. bydel og programmets total.`,
      'One sheet per association, one per district with the programme total',
    ],
    [
      'I alt-rækker',
      'Summerer de synlige rækker (SUBTOTAL), så de følger et filter.',
      'Totals rows sum the visible rows, so they follow a filter',
    ],
  ];
  for (const [label, value, english] of lines) {
    const row = ws.addRow([label, value, english]);
    row.getCell(1).font = { bold: true };
    if (typeof value === 'number' && label !== 'Programår') row.getCell(2).numFmt = COUNT_FORMAT;
    row.getCell(2).alignment = { horizontal: 'left', wrapText: true, vertical: 'top' };
    row.commit();
  }
  ws.commit();
}

/** Whichever settles first; the loser's later failure is already reported, so it is swallowed. */
function orClosed<T>(work: Promise<T>, closedEarly: Promise<never>): Promise<T> {
  work.catch(() => undefined);
  return Promise.race([work, closedEarly]);
}

/**
 * Writes the workbook to `out` and ends it (exceljs ends the stream it writes to); resolves when
 * the last byte is flushed. Rejects, and destroys `out` so the download is visibly broken, when
 * the rows and totals disagree, a count is not a number, or the association source fails.
 */
export async function writeMembershipXlsx(out: NodeJS.WritableStream, input: MembershipExportInput, options: XlsxOptions = {}): Promise<void> {
  const stream = out as Out;
  try {
    checkDistrictsAgainstTotal(input);
    const closedEarly = untilClosedEarly(stream);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: stream as never, useStyles: true, useSharedStrings: false });
    wb.creator = 'Partnerskab';
    wb.title = `Medlemstal ${input.year}`;
    await orClosed(writeAssociationSheet(wb, stream, input, options), closedEarly);
    writeDistrictSheet(wb, input);
    writeAboutSheet(wb, input);
    await orClosed(wb.commit(), closedEarly);
  } catch (error) {
    abort(stream, error);
    throw error;
  }
}
