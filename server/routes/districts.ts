/** District totals of a year (its latest or a given snapshot), and the same over a span of years. */
import { Hono } from 'hono';
import { z } from 'zod';
import { modelForYear, type ProgrammeConfig } from '../../shared/index';
import { summarise } from '../../shared/summary';
import type { DistrictTotalsAnswer, TrendAnswer } from '../../shared/wire';
import { snapshotRowsOf, snapshotRowsWithToken, type SnapshotRows, type WhichSnapshot } from '../db/caller-reads';
import { latestPerYear, snapshotRef, snapshotRows } from '../db/snapshots';
import { authenticated, authenticatedRead } from './access';
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
function totalsAnswer({ snapshot, budget, membership }: SnapshotRows, config: ProgrammeConfig): DistrictTotalsAnswer {
  const summary = summarise(budget, membership, modelForYear(snapshot.year, config), config);
  return { year: snapshot.year, snapshot: snapshotRef(snapshot), ...summary };
}

/**
 * GET /years/:year/districts, mounted ahead of the API's auth middleware (server/app.ts): it authenticates the
 * caller itself, with the same refusals, so that the token's look-up and the snapshot's rows are one statement
 * (server/db/caller-reads.ts). A bad path or query is refused only after the caller is let in, as elsewhere.
 */
export function yearDistrictsRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/years/:year/districts', async (c) => {
    const p = params(c, yearParams);
    const q = query(c, snapshotQuery);
    if (!p.ok || !q.ok) return (await authenticated(c, deps.auth)) ?? (!p.ok ? p.response : (q as { response: Response }).response);
    const { year } = p.value;
    const which: WhichSnapshot = q.value.snapshot ? { id: q.value.snapshot } : { year };
    const read = await authenticatedRead(c, deps.auth, {
      withToken: (hash) => snapshotRowsWithToken(deps.db, hash, which),
      alone: () => snapshotRowsOf(deps.db, which),
    });
    if (!read.ok) return read.response;
    const found = read.value;
    if (!found || found.snapshot.year !== year) {
      return apiError(c, 404, 'not-found', q.value.snapshot
        ? messages.noVersionWithId[langOf(c)](q.value.snapshot, year)
        : messages.noVersionYet[langOf(c)](year));
    }
    return c.json(totalsAnswer(found, deps.config));
  });
  return app;
}

export function districtRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

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
