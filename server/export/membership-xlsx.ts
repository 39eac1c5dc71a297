/**
 * The yearly membership export as .xlsx for Danish Excel, written with exceljs's streaming
 * WorkbookWriter so rows go out as they arrive and memory stays flat however many there are.
 *
 * Sheets: "Medlemstal ÅÅÅÅ" (one row per association + I alt), "Bydele ÅÅÅÅ" (one row per
 * district + the programme total) and "Om udtrækket" (which snapshot, when, what it holds).
 */
import ExcelJS from 'exceljs';
import { countColumns, type CountField, sheetNames, TOTAL_LABEL } from './columns';
import { abort, assertOpen, type Out, untilClosedEarly, waitForDrain } from './stream-util';
import { checkAssociationsAgainstTotal, checkCount, checkDistrictsAgainstTotal, CountSums } from './totals';
import type { MembershipExportInput } from './types';

type Worksheet = ExcelJS.Worksheet;

// `#,##0` is stored locale-free; Danish Excel shows it as 18.340.
const COUNT_FORMAT = '#,##0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [
  { state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' },
];
const COUNT_WIDTHS: Record<string, number> = { '0-12 år': 11, '13-18 år': 11, '19-24 år': 11 };
/** How often, in rows, the writer lets the zip catch up (and honours the client's backpressure). */
const CHECK_EVERY = 100;

const COUNT_STYLE: Partial<ExcelJS.Style> = { numFmt: COUNT_FORMAT };

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

/**
 * row.commit() never waits: exceljs hands the sheet XML on to the zip, which deflates it when the event
 * loop turns. So every CHECK_EVERY rows the writer waits for `out` to drain when the client is behind, and
 * otherwise gives the event loop a turn, so that the zip keeps up and the XML does not pile up.
 */
async function keepPace(out: Out): Promise<void> {
  assertOpen(out);
  if (out.writableNeedDrain) await waitForDrain(out);
  else await new Promise((resolve) => setImmediate(resolve));
}

async function writeAssociationSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Out, input: MembershipExportInput) {
  const ws = wb.addWorksheet(sheetNames(input.year).associations, { views: FROZEN_HEADER });
  ws.columns = [{ width: 40 }, { width: 28 }, ...countColumnDefs()];
  const headers = ['Forening', 'Bydel', ...countColumns.map((c) => c.header)];
  writeHeader(ws, headers);

  const sums = new CountSums();
  for await (const a of input.associations) {
    for (const c of countColumns) checkCount(a[c.field], c.field, a.association);
    sums.add(a);
    // Plain string cells: exceljs never turns a string into a formula, so a name starting
    // with = + - @ is shown as written and cannot run.
    ws.addRow([a.association, a.district, ...countColumns.map((c) => a[c.field])]).commit();
    if (sums.rows % CHECK_EVERY === 0) await keepPace(out);
  }
  checkAssociationsAgainstTotal(input.year, sums, input.total);

  const dataEnd = sums.rows + 1;
  writeTotalRow(ws, [TOTAL_LABEL, null], input.total, 3, dataEnd);
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

const copenhagenTime = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' });

/** "26. november 2026 kl. 05.05.14": when the snapshot was saved, as a Danish reader reads it. */
function savedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : copenhagenTime.format(date);
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
export async function writeMembershipXlsx(out: NodeJS.WritableStream, input: MembershipExportInput): Promise<void> {
  const stream = out as Out;
  try {
    checkDistrictsAgainstTotal(input);
    const closedEarly = untilClosedEarly(stream);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: stream as never, useStyles: true, useSharedStrings: false });
    wb.creator = 'Partnerskab';
    wb.title = `Medlemstal ${input.year}`;
    await orClosed(writeAssociationSheet(wb, stream, input), closedEarly);
    writeDistrictSheet(wb, input);
    writeAboutSheet(wb, input);
    await orClosed(wb.commit(), closedEarly);
  } catch (error) {
    abort(stream, error);
    throw error;
  }
}
