/** Saving, listing, reading and comparing snapshots. */
import { Hono } from 'hono';
import { z } from 'zod';
import { diffSnapshots, type SnapshotContent } from '../../shared/snapshot';
import type { ConflictAnswer, SavedAnswer } from '../../shared/wire';
import {
  getSnapshot, getSnapshotReport, listSnapshots, membershipOfYear, previousSnapshot, publicMeta, snapshotRows, type StoredSnapshot,
} from '../db/snapshots';
import { messages, type SaveRoute } from '../messages';
import { storeSave, type SaveOutcome } from '../save';
import { checkInWorker } from '../check-in-worker';
import { requireRole } from './access';
import type { AppContext, AppEnv, RouteDeps } from './env';
import { apiError, invalidWorkbookAnswer, langOf } from './errors';
import { finished, jsonBytes, limitBody, params, query, tooBigToCheck, versionId, yearSchema } from './input';

const listSchema = z.object({
  year: yearSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,18}$/, 'msg:cursor').optional(),
});

const idSchema = z.object({ id: versionId });
const diffQuerySchema = z.object({ against: versionId.optional() });

/**
 * One answer per outcome of a save; shared by JSON saves and workbook uploads (`route`: how to save again
 * after a conflict is said in that route's syntax).
 */
export function saveResponse(c: AppContext, outcome: SaveOutcome, route: SaveRoute): Response {
  const lang = langOf(c);
  switch (outcome.kind) {
    case 'invalid':
      return c.json(invalidWorkbookAnswer(lang, outcome.report), 422);
    case 'conflict': {
      const answer: ConflictAnswer = {
        error: {
          code: 'conflict',
          case: outcome.case,
          message: messages.conflict[lang](outcome.case, publicMeta(outcome.latest), route),
          latest: publicMeta(outcome.latest),
          diff: outcome.diff,
        },
      };
      return c.json(answer, 409);
    }
    case 'unknown-based-on':
      return apiError(c, 400, 'unknown-based-on', messages.unknownBasedOn[lang](outcome.year, route));
    case 'created':
    case 'existing': {
      // The report without its rows: the sender has them, and GET /api/snapshots/:id gives them as stored.
      const revertOf = outcome.kind === 'created' && outcome.revertOf ? publicMeta(outcome.revertOf) : null;
      const answer: SavedAnswer = {
        snapshot: publicMeta(outcome.snapshot),
        existing: outcome.kind === 'existing',
        revertOf,
        ...(revertOf ? { message: messages.revert[lang](revertOf) } : {}),
        report: outcome.save.report,
      };
      return c.json(answer, outcome.kind === 'created' ? 201 : 200);
    }
  }
}

async function contentOf(deps: RouteDeps, s: StoredSnapshot): Promise<SnapshotContent> {
  return { year: s.year, model: s.model as SnapshotContent['model'], ...(await snapshotRows(deps.db, s.id)) };
}

export function snapshotRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/snapshots', requireRole('editor'), limitBody(deps.limits.jsonBytes), async (c) => {
    const bytes = await jsonBytes(c);
    if (!bytes.ok) return bytes.response;
    // A large body is decoded, parsed and checked in the check worker, not on the event loop.
    const inline = bytes.value.byteLength <= deps.limits.inlineCheckBytes;
    const result = await checkInWorker({ kind: 'json', bytes: bytes.value, lang: langOf(c), config: deps.config }, (year) => membershipOfYear(deps.db, year), { bounds: deps.checkBounds, inline });
    if (!result.ok) return tooBigToCheck(c, result.failure);
    const checked = result.answer;
    if (checked.kind !== 'checked') return finished(c, checked);
    const wishes = checked.wishes ?? { source: { workbook: null, sheets: [] }, basedOn: null, force: false };
    const outcome = await storeSave(deps.db, { kind: 'valid', save: checked.save }, { ...wishes, sender: c.get('principal').name, now: deps.clock() }, deps.config);
    return saveResponse(c, outcome, 'json');
  });

  app.get('/snapshots', async (c) => {
    const q = query(c, listSchema);
    if (!q.ok) return q.response;
    const { year, limit, cursor } = q.value;
    const page = await listSnapshots(deps.db, { year, limit: limit + 1, beforeSeq: cursor === undefined ? undefined : Number(cursor) });
    const more = page.length > limit;
    const items = page.slice(0, limit);
    return c.json({ snapshots: items.map(publicMeta), nextCursor: more ? String(items[items.length - 1].seq) : null });
  });

  app.get('/snapshots/:id', async (c) => {
    const p = params(c, idSchema);
    if (!p.ok) return p.response;
    const snapshot = await getSnapshot(deps.db, p.value.id);
    if (!snapshot) return apiError(c, 404, 'not-found', messages.noVersionWithId[langOf(c)](p.value.id, null));
    const [rows, report] = await Promise.all([snapshotRows(deps.db, snapshot.id), getSnapshotReport(deps.db, snapshot.id)]);
    return c.json({ snapshot: publicMeta(snapshot), budget: rows.budget, membership: rows.membership, report: { ...report, data: rows } });
  });

  app.get('/snapshots/:id/diff', async (c) => {
    const p = params(c, idSchema);
    if (!p.ok) return p.response;
    const q = query(c, diffQuerySchema);
    if (!q.ok) return q.response;
    const snapshot = await getSnapshot(deps.db, p.value.id);
    if (!snapshot) return apiError(c, 404, 'not-found', messages.noVersionWithId[langOf(c)](p.value.id, null));
    const against = q.value.against ? await getSnapshot(deps.db, q.value.against) : await previousSnapshot(deps.db, snapshot);
    if (q.value.against && !against) return apiError(c, 404, 'not-found', messages.noAgainstVersion[langOf(c)](q.value.against));
    const newer = await contentOf(deps, snapshot);
    // The first snapshot of a year is compared with nothing: everything in it is added.
    const older: SnapshotContent = against ? await contentOf(deps, against) : { year: snapshot.year, model: newer.model, budget: [], membership: [] };
    return c.json({
      from: against ? publicMeta(against) : null,
      to: publicMeta(snapshot),
      diff: diffSnapshots(older, newer, deps.config),
    });
  });
  return app;
}
