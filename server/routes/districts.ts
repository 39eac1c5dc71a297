/** District totals of a year (its latest or a given snapshot), and the same over a span of years. */
import { Hono } from 'hono';
import { z } from 'zod';
import { getSnapshot, latestPerYear, snapshotRef } from '../db/snapshots';
import type { AppEnv, RouteDeps } from './env';
import { apiError } from './errors';
import { params, query, yearSchema } from './input';

const yearParams = z.object({ year: yearSchema });
const snapshotQuery = z.object({ snapshot: z.uuid('a snapshot id is a UUID').optional() });
const trendQuery = z
  .object({ from: yearSchema, to: yearSchema })
  .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] })
  .refine((q) => q.to - q.from <= 100, { message: 'ask for at most 100 years at a time', path: ['to'] });

export function districtRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/years/:year/districts', async (c) => {
    const p = params(c, yearParams);
    if (!p.ok) return p.response;
    const q = query(c, snapshotQuery);
    if (!q.ok) return q.response;
    const { year } = p.value;
    const snapshot = q.value.snapshot ? await getSnapshot(deps.db, q.value.snapshot) : await deps.reads.latestSnapshot(year);
    if (!snapshot || snapshot.year !== year) {
      return apiError(c, 404, 'not-found', q.value.snapshot
        ? `No snapshot of ${year} has the id ${q.value.snapshot}.`
        : `No snapshot has been saved for ${year} yet. Save the year's workbook first (POST /api/snapshots).`);
    }
    const body = await deps.answers.answer(year, snapshot, () => deps.reads.districtTotals(snapshot.id));
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/districts/trend', async (c) => {
    const q = query(c, trendQuery);
    if (!q.ok) return q.response;
    const snapshots = await latestPerYear(deps.db, q.value.from, q.value.to);
    const years = [];
    for (const s of snapshots) {
      years.push({ year: s.year, snapshot: snapshotRef(s), ...(await deps.reads.districtTotals(s.id)) });
    }
    return c.json({ from: q.value.from, to: q.value.to, years });
  });
  return app;
}
