/**
 * GET /api/years/:year/districts' answer per snapshot, kept as UTF-8 bytes. A snapshot never changes, so
 * neither does this answer: it is serialised once, and sending it is a copy (a string was encoded again on
 * every send: ~5 % of a districts request, the names having æ, ø and å). Shared by the route and the answers
 * given before the framework (server/fast-answers.ts).
 */
import type { ReadCache } from './db/read-cache';
import type { DistrictTotalsResult } from './db/district-totals';
import { snapshotRef, type StoredSnapshot } from './db/snapshots';

const MAX_ANSWERS = 256;
const utf8 = new TextEncoder();

export interface DistrictAnswers {
  /** The answer for `snapshot`, made from its totals the first time. */
  answer(year: number, snapshot: StoredSnapshot, totals: () => Promise<DistrictTotalsResult>): Promise<Uint8Array<ArrayBuffer>>;
  /** The answer for the year's latest snapshot when both are at hand now; undefined when it would take a read. */
  latestNow(year: number): Uint8Array<ArrayBuffer> | undefined;
}

export function districtAnswers(reads: ReadCache): DistrictAnswers {
  const answers = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    async answer(year, snapshot, totals) {
      let body = answers.get(snapshot.id);
      if (body === undefined) {
        body = utf8.encode(JSON.stringify({ year, snapshot: snapshotRef(snapshot), ...(await totals()) }));
        answers.set(snapshot.id, body);
        if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
      }
      return body;
    },
    latestNow(year) {
      const latest = reads.latestSnapshotNow(year);
      return latest ? answers.get(latest.id) : undefined;
    },
  };
}
