/**
 * The yearly membership export as CSV for Danish Excel: UTF-8 with BOM, semicolons, CRLF.
 *
 * One level per file, each one table with one header row and no total row:
 *   membership.csv            one row per association (medlemstal-ÅÅÅÅ.csv)
 *   membership-districts.csv  one row per bydel (medlemstal-bydele-ÅÅÅÅ.csv)
 *   membership-years.csv      one row per stored year: the programme's figures (medlemstal-udvikling-ÅÅÅÅ.csv)
 * So a column sum in Excel (or a SUM over the column, or a pivot) counts every member once, a system that
 * imports the file gets rows of one kind under one header, and an autofilter cannot mix levels: the
 * programme's total for the year is the sum of either of the first two files, and stands in the third.
 * The .xlsx keeps its I alt rows, on sheets of their own per level.
 */
import { associationHeaders, changeOf, changeShare, countColumns, districtHeaders, districtLabel, exportWords, seriesHeaders } from './columns';
import { CSV_BOM, csvLine, csvNumber, csvText } from './csv-format';
import { abort, assertOpen, endStream, type Out, waitForDrain } from './stream-util';
import { exportText } from './text';
import { checkAssociationsAgainstTotal, checkCount, checkDistrictsAgainstTotal, CountSums } from './totals';
import type { MembershipExportInput } from './types';

// Rows are gathered into chunks of about this size: one write per row would cost more in
// stream overhead than the formatting itself.
const CHUNK_CHARS = 64 * 1024;

/** The change in per cent with one decimal ("-2,4"), as a number Danish Excel reads. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const comparisonFields = (now: number | null, before: number | null) => [
  csvNumber(before),
  csvNumber(changeOf(now, before)),
  csvNumber(percent(changeShare(now, before))),
];

const text = (s: string | null) => csvText(exportText(s));

/** Writes lines to `out` in chunks, waiting for 'drain', and ends it; on failure destroys it (see types.ts). */
async function writeLines(out: NodeJS.WritableStream, header: string[], body: (push: (line: string) => Promise<void>) => Promise<void>) {
  const stream = out as Out;
  try {
    let chunk = CSV_BOM + csvLine(header.map(csvText));
    const flush = async () => {
      if (chunk === '') return;
      assertOpen(stream);
      const ok = stream.write(chunk);
      chunk = '';
      if (!ok) await waitForDrain(stream);
    };
    await body(async (line) => {
      chunk += line;
      if (chunk.length >= CHUNK_CHARS) await flush();
    });
    await flush();
    await endStream(stream);
  } catch (error) {
    abort(stream, error);
    throw error;
  }
}

/**
 * membership.csv: one row per association. Resolves when the last byte is flushed; rejects (and destroys
 * `out`, so the download is visibly broken, not silently short) when the rows and totals disagree, a count
 * is not a number, or the association source fails.
 */
export function writeMembershipCsv(out: NodeJS.WritableStream, input: MembershipExportInput): Promise<void> {
  const w = exportWords(input.lang, input.year);
  const counts = countColumns(input.lang);
  return writeLines(out, associationHeaders(input), async (push) => {
    checkDistrictsAgainstTotal(input);
    const sums = new CountSums();
    for await (const row of input.associations) {
      for (const c of counts) checkCount(row[c.field], c.field, row.association);
      checkCount(row.previousUnder25, 'previousUnder25', row.association);
      sums.add(row);
      await push(csvLine([
        text(row.association),
        text(districtLabel(w, row.district)),
        ...counts.map((c) => csvNumber(row[c.field])),
        ...comparisonFields(row.under25, row.previousUnder25),
      ]));
    }
    checkAssociationsAgainstTotal(input.year, sums, input.total);
  });
}

/** membership-districts.csv: one row per bydel (those of this year or the previous year). */
export function writeDistrictsCsv(out: NodeJS.WritableStream, input: MembershipExportInput): Promise<void> {
  const w = exportWords(input.lang, input.year);
  const counts = countColumns(input.lang);
  return writeLines(out, districtHeaders(input), async (push) => {
    checkDistrictsAgainstTotal(input);
    for (const d of input.districts) {
      await push(csvLine([
        text(districtLabel(w, d.district)),
        csvNumber(d.associations),
        ...counts.map((c) => csvNumber(d[c.field])),
        ...comparisonFields(d.under25, d.previousUnder25),
      ]));
    }
  });
}

/** membership-years.csv: the programme's figures for every stored year up to the export's, oldest first. */
export function writeSeriesCsv(out: NodeJS.WritableStream, input: MembershipExportInput): Promise<void> {
  const w = exportWords(input.lang, input.year);
  return writeLines(out, seriesHeaders(input), async (push) => {
    for (const y of input.series) {
      await push(csvLine([
        csvNumber(y.year), csvText(w.model(y.model)), csvNumber(y.associations), csvNumber(y.extended), csvNumber(y.under25),
        csvNumber(y.age0to12), csvNumber(y.age13to18), csvNumber(y.age19to24), csvNumber(y.totalMembers),
        csvNumber(y.grant), csvNumber(y.cofinancing), csvNumber(y.hours), csvNumber(y.grantPerMemberUnder25),
        // ISO 8601 in UTC: the one time format every importer reads the same way.
        csvText(y.snapshot.createdAt), csvText(y.snapshot.id),
      ]));
    }
  });
}
