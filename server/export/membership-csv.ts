/**
 * The yearly membership export as CSV for Danish Excel: UTF-8 with BOM, semicolons, CRLF.
 *
 * One table with a "Niveau" column (Forening / Bydel / I alt) rather than sections separated by
 * blank lines: Excel's autofilter, sorting and pivot tables work on one contiguous table with one
 * header row, so a user filters Niveau = Forening for the association list or Niveau = Bydel for
 * the districts. With sections, the blank line splits Excel's table detection and the second
 * header row gets sorted in among the numbers. "Foreninger" is 1 on a Forening row, so a pivot
 * that sums it over any filter counts associations.
 */
import { countColumns, TOTAL_LABEL } from './columns';
import { CSV_BOM, csvLine, csvNumber, csvText } from './csv-format';
import { abort, assertOpen, endStream, type Out, waitForDrain } from './stream-util';
import { checkAssociationsAgainstTotal, checkCount, checkDistrictsAgainstTotal, CountSums } from './totals';
import type { MembershipExportDistrict, MembershipExportInput } from './types';

export const CSV_HEADERS = ['Niveau', 'Forening', 'Bydel', 'Foreninger', ...countColumns.map((c) => c.header)];
export const LEVEL = { association: 'Forening', district: 'Bydel', total: TOTAL_LABEL } as const;

// Rows are gathered into chunks of about this size: one write per row would cost more in
// stream overhead than the formatting itself.
const CHUNK_CHARS = 64 * 1024;

const districtLine = (level: string, d: MembershipExportDistrict) =>
  csvLine([
    csvText(level),
    '',
    csvText(level === LEVEL.total ? '' : d.district),
    csvNumber(d.associations),
    ...countColumns.map((c) => csvNumber(d[c.field])),
  ]);

/**
 * Writes the CSV to `out` and ends it; resolves when the last byte is flushed.
 * Rejects (and destroys `out`, so the download is visibly broken, not silently short) when the
 * rows and totals disagree, a count is not a number, or the association source fails.
 */
export async function writeMembershipCsv(out: NodeJS.WritableStream, input: MembershipExportInput): Promise<void> {
  const stream = out as Out;
  try {
    checkDistrictsAgainstTotal(input);
    let chunk = CSV_BOM + csvLine(CSV_HEADERS.map(csvText));
    const flush = async () => {
      if (chunk === '') return;
      assertOpen(stream);
      const ok = stream.write(chunk);
      chunk = '';
      if (!ok) await waitForDrain(stream);
    };

    const sums = new CountSums();
    for await (const row of input.associations) {
      for (const c of countColumns) checkCount(row[c.field], c.field, row.association);
      sums.add(row);
      chunk += csvLine([
        LEVEL.association,
        csvText(row.association),
        csvText(row.district),
        '1',
        ...countColumns.map((c) => csvNumber(row[c.field])),
      ]);
      if (chunk.length >= CHUNK_CHARS) await flush();
    }
    checkAssociationsAgainstTotal(input.year, sums, input.total);

    for (const d of input.districts) chunk += districtLine(LEVEL.district, d);
    chunk += districtLine(LEVEL.total, input.total);
    await flush();
    await endStream(stream);
  } catch (error) {
    abort(stream, error);
    throw error;
  }
}
