/** District totals of a year (its latest or a given snapshot), and the same over a span of years. */
import { Hono } from 'hono';
import { z } from 'zod';
import { modelForYear, type ProgrammeConfig } from '../../shared/index';
import { summarise } from '../../shared/summary';
import type { DistrictTotalsAnswer, TrendAnswer } from '../../shared/wire';
import { latestPerYear, latestSnapshotWithRows, snapshotRef, snapshotRows, snapshotWithRows, type SnapshotWithRows } from '../db/snapshots';
import type { AppEnv, RouteDeps } from './env';
import { apiError, langOf } from './errors';
import { messages } from '../messages';
import { params, query, versionId, yearSchema } from './input';

const yearParams = z.object({ year: yearSchema });
const snapshotQuery = z.object({ snapshot: versionId.optional() });
const trendQuery = z
  .object({ from: yearSchema, to: yearSchema })
  .refine((q) => q.from <= q.to, { message: 'msg:from-after-to', path: ['from'] })
  .refine((q) => q.to - q.from <= 100, { message: 'msg:at-most-100-years', path: ['to'] });

/** The totals of a stored snapshot, by the core's one rule (shared/summary.ts), as the districts answer gives them. */
function totalsAnswer({ snapshot, budget, membership }: SnapshotWithRows, config: ProgrammeConfig): DistrictTotalsAnswer {
  const summary = summarise(budget, membership, modelForYear(snapshot.year, config), config);
  return { year: snapshot.year, snapshot: snapshotRef(snapshot), ...summary };
}

export function districtRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/years/:year/districts', async (c) => {
    const p = params(c, yearParams);
    if (!p.ok) return p.response;
    const q = query(c, snapshotQuery);
    if (!q.ok) return q.response;
    const { year } = p.value;
    const found = q.value.snapshot ? await snapshotWithRows(deps.db, q.value.snapshot) : await latestSnapshotWithRows(deps.db, year);
    if (!found || found.snapshot.year !== year) {
      return apiError(c, 404, 'not-found', q.value.snapshot
        ? messages.noVersionWithId[langOf(c)](q.value.snapshot, year)
        : messages.noVersionYet[langOf(c)](year));
    }
    return c.json(totalsAnswer(found, deps.config));
  });

  app.get('/districts/trend', async (c) => {
    const q = query(c, trendQuery);
    if (!q.ok) return q.response;
    const years = [];
    for (const snapshot of await latestPerYear(deps.db, q.value.from, q.value.to)) {
      years.push(totalsAnswer({ snapshot, ...(await snapshotRows(deps.db, snapshot.id)) }, deps.config));
    }
    return c.json({ from: q.value.from, to: q.value.to, years } satisfies TrendAnswer);
  });
  return app;
}
