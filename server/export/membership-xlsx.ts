/**
 * The yearly membership export as .xlsx for Danish Excel, written with exceljs's streaming
 * WorkbookWriter so rows go out as they arrive and memory stays flat however many there are.
 *
 * Sheets: "Medlemstal ÅÅÅÅ" (one row per association + I alt), "Bydele ÅÅÅÅ" (one row per
 * district + the programme total), both beside the previous year's members under 25 and the change;
 * "Udvikling" (the programme's figures for every stored year) and "Om udtrækket" (which version, when,
 * what it holds). English names and headers with lang 'en'.
 */
// Types only here: exceljs itself is loaded by the first .xlsx export (below), not at the service's start.
import type ExcelJS from 'exceljs';
import { aboutLines, aboutTitle, savedAt } from './about';
import {
  associationHeaders, changeOf, changeShare, countColumns, type CountField, districtHeaders, districtLabel, exportWords, type ExportWords,
  seriesHeaders,
} from './columns';
import { abort, assertOpen, type Out, untilClosedEarly, waitForDrain } from './stream-util';
import { exportText } from './text';
import { checkAssociationsAgainstTotal, checkCount, checkDistrictsAgainstTotal, CountSums } from './totals';
import type { MembershipExportDistrict, MembershipExportInput } from './types';

type Worksheet = ExcelJS.Worksheet;
type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

// Formats are stored locale-free; Danish Excel shows `#,##0` as 18.340 and `0.0%` as 12,5%.
const COUNT_FORMAT = '#,##0';
const CHANGE_FORMAT = '+#,##0;-#,##0;0';
const SHARE_FORMAT = '+0.0%;-0.0%;0.0%';
const MONEY_FORMAT = '#,##0 "kr."';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [
  { state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' },
];
const COUNT_WIDTHS: Partial<Record<CountField, number>> = { age0to12: 11, age13to18: 11, age19to24: 11 };
/** How often, in rows, the writer lets the zip catch up (and honours the client's backpressure). */
const CHECK_EVERY = 100;

const COUNT_STYLE: Partial<ExcelJS.Style> = { numFmt: COUNT_FORMAT };

/** Column letter of a 1-based column number (A … Z, AA …). */
function letter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function countColumnDefs(): Partial<ExcelJS.Column>[] {
  return countColumns().map((c) => ({ width: COUNT_WIDTHS[c.field] ?? 20, style: { numFmt: COUNT_FORMAT } }));
}

/** The previous year's figure, the change and the change in per cent, after the counts. */
function comparisonColumnDefs(): Partial<ExcelJS.Column>[] {
  return [
    { width: 22, style: { numFmt: COUNT_FORMAT } },
    { width: 12, style: { numFmt: CHANGE_FORMAT } },
    { width: 13, style: { numFmt: SHARE_FORMAT } },
  ];
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
 * A SUBTOTAL(109, …) over the data rows of a column, like an Excel table's totals row: with a filter on it
 * shows the sum of the visible rows; the cached result (the programme's figure, from the core's totals) is
 * what readers that do not recalculate, and Excel before any filter, show.
 */
function subtotal(column: number, dataEnd: number, result: number | null): ExcelJS.CellValue {
  if (result === null || dataEnd < 2) return result;
  const col = letter(column);
  return { formula: `SUBTOTAL(109,${col}2:${col}${dataEnd})`, result };
}

function writeTotalRow(ws: Worksheet, values: ExcelJS.CellValue[]): void {
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

/**
 * Gives each cell of a data row its column's style object itself. exceljs makes every new cell a style object
 * of its own (merged from row and column), and its writer, finding no object it has seen, renders each cell's
 * style as XML to look it up: at 10,000 associations that was over a second of the export. With one object per
 * column it recognises the object (exceljs's README: shared style objects are intended, for speed); the file
 * is the same, byte for byte.
 */
function shareColumnStyles(row: ExcelJS.Row, styles: ReadonlyArray<Partial<ExcelJS.Style>>): void {
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cell.style = styles[column - 1];
  });
}

async function writeAssociationSheet(wb: Writer, out: Out, input: MembershipExportInput, w: ExportWords) {
  const ws = wb.addWorksheet(w.sheets.associations, { views: FROZEN_HEADER });
  const columns = [{ width: 40 }, { width: 28 }, ...countColumnDefs(), ...comparisonColumnDefs()];
  ws.columns = columns;
  const styles = columns.map((c) => c.style ?? {});
  const counts = countColumns(input.lang);
  const headers = associationHeaders(input);
  writeHeader(ws, headers);

  const sums = new CountSums();
  for await (const a of input.associations) {
    for (const c of counts) checkCount(a[c.field], c.field, a.association);
    checkCount(a.previousUnder25, 'previousUnder25', a.association);
    sums.add(a);
    // Plain string cells: exceljs never turns a string into a formula, so a name starting
    // with = + - @ is shown as written and cannot run.
    const row = ws.addRow([
      exportText(a.association),
      exportText(districtLabel(w, a.district)),
      ...counts.map((c) => a[c.field]),
      a.previousUnder25,
      changeOf(a.under25, a.previousUnder25),
      changeShare(a.under25, a.previousUnder25),
    ]);
    shareColumnStyles(row, styles);
    row.commit();
    if (sums.rows % CHECK_EVERY === 0) await keepPace(out);
  }
  checkAssociationsAgainstTotal(input.year, sums, input.total);

  const dataEnd = sums.rows + 1;
  // The previous-year cells stay empty here: the programme's figure for that year (with the associations
  // that are no longer partners) is in the districts sheet, where the bydele add up to it.
  writeTotalRow(ws, [w.total, null, ...counts.map((c, i) => subtotal(3 + i, dataEnd, input.total[c.field])), null, null, null]);
  // The filter covers header and data but not I alt, so sorting leaves the total at the bottom.
  ws.autoFilter = `A1:${letter(headers.length)}${dataEnd}`;
  ws.commit();
}

function writeDistrictSheet(wb: Writer, input: MembershipExportInput, w: ExportWords) {
  const ws = wb.addWorksheet(w.sheets.districts, { views: FROZEN_HEADER });
  ws.columns = [{ width: 28 }, { width: 12, style: COUNT_STYLE }, ...countColumnDefs(), ...comparisonColumnDefs()];
  const counts = countColumns(input.lang);
  const headers = districtHeaders(input);
  writeHeader(ws, headers);
  const comparison = (d: MembershipExportDistrict) => [d.previousUnder25, changeOf(d.under25, d.previousUnder25), changeShare(d.under25, d.previousUnder25)];
  for (const d of input.districts) {
    ws.addRow([exportText(districtLabel(w, d.district)), d.associations, ...counts.map((c) => d[c.field]), ...comparison(d)]).commit();
  }
  const dataEnd = input.districts.length + 1;
  const t = input.total;
  const totalRow = dataEnd + 1;
  const [previousCol, changeCol] = [3 + counts.length, 4 + counts.length];
  const share = changeShare(t.under25, t.previousUnder25);
  writeTotalRow(ws, [
    w.total,
    subtotal(2, dataEnd, t.associations),
    ...counts.map((c, i) => subtotal(3 + i, dataEnd, t[c.field])),
    subtotal(previousCol, dataEnd, t.previousUnder25),
    subtotal(changeCol, dataEnd, changeOf(t.under25, t.previousUnder25)),
    // The share of the row's own figures, so that it follows a filter as the sums do.
    share === null ? null : { formula: `IF(${letter(previousCol)}${totalRow}=0,"",${letter(changeCol)}${totalRow}/${letter(previousCol)}${totalRow})`, result: share },
  ]);
  ws.autoFilter = `A1:${letter(headers.length)}${dataEnd}`;
  ws.commit();
}

/** The programme's figures for every stored year: the series the programme reports itself. */
function writeSeriesSheet(wb: Writer, input: MembershipExportInput, w: ExportWords) {
  const ws = wb.addWorksheet(w.sheets.series, { views: FROZEN_HEADER });
  ws.columns = [
    { width: 8 }, { width: 20 }, { width: 12, style: COUNT_STYLE }, { width: 12, style: COUNT_STYLE },
    { width: 20, style: COUNT_STYLE }, ...countColumnDefs().slice(0, 3), { width: 16, style: COUNT_STYLE },
    { width: 16, style: { numFmt: MONEY_FORMAT } }, { width: 18, style: { numFmt: MONEY_FORMAT } }, { width: 14 },
    { width: 16, style: { numFmt: MONEY_FORMAT } }, { width: 30 }, { width: 38 },
  ];
  writeHeader(ws, seriesHeaders(input));
  for (const y of input.series) {
    ws.addRow([
      y.year, w.model(y.model), y.associations, y.extended, y.under25, y.age0to12, y.age13to18, y.age19to24, y.totalMembers,
      y.grant, y.cofinancing, y.hours, y.grantPerMemberUnder25, savedAt(y.snapshot.createdAt, input.lang), y.snapshot.id,
    ]).commit();
  }
  ws.autoFilter = `A1:O${input.series.length + 1}`;
  ws.commit();
}

function writeAboutSheet(wb: Writer, input: MembershipExportInput, w: ExportWords) {
  const ws = wb.addWorksheet(w.sheets.about);
  ws.columns = [{ width: 30 }, { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  const title = ws.addRow([aboutTitle(input)]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([]).commit();
  for (const [i, [label, value]] of aboutLines(input).entries()) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    // The year is a year, not a count: no thousands separator.
    if (typeof value === 'number' && i > 0) row.getCell(2).numFmt = COUNT_FORMAT;
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
    const w = exportWords(input.lang, input.year);
    const closedEarly = untilClosedEarly(stream);
    // Loading exceljs takes longer than opening the database (a bare `import('exceljs')`: 6–9 s against node's
    // own 1.4–2.4 s start on this loaded machine), and every `npm start` paid it before answering anything.
    const { default: excel } = await import('exceljs');
    const wb = new excel.stream.xlsx.WorkbookWriter({ stream: stream as never, useStyles: true, useSharedStrings: false });
    wb.creator = 'Partnerskab';
    wb.title = w.sheets.associations;
    await orClosed(writeAssociationSheet(wb, stream, input, w), closedEarly);
    writeDistrictSheet(wb, input, w);
    writeSeriesSheet(wb, input, w);
    writeAboutSheet(wb, input, w);
    await orClosed(wb.commit(), closedEarly);
  } catch (error) {
    abort(stream, error);
    throw error;
  }
}
