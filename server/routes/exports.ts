/** The yearly membership export as .xlsx and .csv, streamed from the database into the writers. */
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeMembershipCsv } from '../export/membership-csv';
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

const formats: Record<'xlsx' | 'csv', { writer: Writer; type: string }> = {
  xlsx: { writer: writeMembershipXlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { writer: writeMembershipCsv, type: 'text/csv; charset=utf-8' },
};

export function exportRoutes(deps: RouteDeps, onStreamError: (error: Error) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const handler = (format: keyof typeof formats) => async (c: AppContext) => {
    const p = params(c, yearParams);
    if (!p.ok) return p.response;
    const q = query(c, snapshotQuery);
    if (!q.ok) return q.response;
    const { year } = p.value;
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
    const { writer, type } = formats[format];
    // The writers end the stream when done and destroy it on failure, so a broken export is a broken
    // download rather than a short file that looks complete.
    writer(out, {
      year,
      snapshot: snapshotRef(snapshot),
      ...data,
    }).catch((error: Error) => {
      out.destroy(error);
      onStreamError(error);
    });
    return new Response(Readable.toWeb(out) as ReadableStream, {
      headers: {
        'content-type': type,
        'content-disposition': `attachment; filename="medlemstal-${year}.${format}"`,
        'cache-control': 'no-store',
      },
    });
  };

  app.get('/years/:year/membership.xlsx', handler('xlsx'));
  app.get('/years/:year/membership.csv', handler('csv'));
  return app;
}
