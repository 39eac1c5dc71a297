/**
 * The yearly membership export, streamed from the database into the writers: the .xlsx with a sheet per
 * level, and the CSV as one file per level (associations, bydele, the programme per year) so that no file
 * mixes rows of different levels. Danish headers by default, English with ?lang=en or Accept-Language.
 */
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeDistrictsCsv, writeMembershipCsv, writeSeriesCsv } from '../export/membership-csv';
import { writeMembershipXlsx } from '../export/membership-xlsx';
import type { MembershipExportInput } from '../export/types';
import { readMembershipExport } from '../db/membership-export';
import { getSnapshot, latestSnapshot, snapshotRef } from '../db/snapshots';
import type { AppContext, AppEnv, RouteDeps } from './env';
import { apiError, langOf } from './errors';
import { messages } from '../messages';
import { params, query, versionId, yearSchema } from './input';

const yearParams = z.object({ year: yearSchema });
const snapshotQuery = z.object({ snapshot: versionId.optional() });

type Writer = (out: NodeJS.WritableStream, input: MembershipExportInput) => Promise<void>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** Path → writer, content type and the file name the browser saves it under. */
const files: Array<{ path: string; writer: Writer; type: string; filename: (year: number) => string }> = [
  { path: 'membership.xlsx', writer: writeMembershipXlsx, type: XLSX_TYPE, filename: (y) => `medlemstal-${y}.xlsx` },
  { path: 'membership.csv', writer: writeMembershipCsv, type: CSV_TYPE, filename: (y) => `medlemstal-${y}.csv` },
  { path: 'membership-districts.csv', writer: writeDistrictsCsv, type: CSV_TYPE, filename: (y) => `medlemstal-bydele-${y}.csv` },
  { path: 'membership-years.csv', writer: writeSeriesCsv, type: CSV_TYPE, filename: (y) => `medlemstal-udvikling-${y}.csv` },
];

export function exportRoutes(deps: RouteDeps, onStreamError: (error: Error) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const handler = (file: (typeof files)[number]) => async (c: AppContext) => {
    const p = params(c, yearParams);
    if (!p.ok) return p.response;
    const q = query(c, snapshotQuery);
    if (!q.ok) return q.response;
    const { year } = p.value;
    const lang = langOf(c);
    const snapshot = q.value.snapshot
      ? await getSnapshot(deps.db, q.value.snapshot)
      : await latestSnapshot(deps.db, year, { withMembership: true });
    if (!snapshot || snapshot.year !== year) {
      return apiError(c, 404, 'not-found', q.value.snapshot
        ? messages.noVersionWithId[langOf(c)](q.value.snapshot, year)
        : messages.noMembershipYet[langOf(c)](year));
    }
    const data = await readMembershipExport(deps.db, snapshot.id, deps.config);
    const out = new PassThrough();
    // The writers end the stream when done and destroy it on failure, so a broken export is a broken
    // download rather than a short file that looks complete.
    file.writer(out, { year, lang, snapshot: snapshotRef(snapshot), ...data }).catch((error: Error) => {
      out.destroy(error);
      onStreamError(error);
    });
    return new Response(Readable.toWeb(out) as ReadableStream, {
      headers: {
        'content-type': file.type,
        'content-disposition': `attachment; filename="${file.filename(year)}"`,
        'content-language': lang,
        'cache-control': 'no-store',
      },
    });
  };

  for (const file of files) app.get(`/years/:year/${file.path}`, handler(file));
  return app;
}
