/**
 * Reads made in the same statement as the caller's token look-up (server/auth.ts authenticateAlong): the
 * districts answer is then one round trip to the database, not two. A request's own cost is mostly its
 * statements: on PGlite each is parsed, planned and run inside the service's one thread (~0.1–0.3 ms), on
 * PostgreSQL each is a round trip through the pool and the socket.
 * The token is still looked up on every request, so a token revoked on any instance is refused at once.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { BudgetRow, MembershipRow } from '../../shared/index';
import type { Db } from './connect';
import { preparedOn } from './prepared';
import { snapshots, tokens } from './schema';
import { budgetFromStored, membershipFromStored } from './stored-rows';
import type { Role } from './tokens';

/** A snapshot's rows with what an answer made from them names: only the columns the districts answer needs. */
export interface SnapshotRows {
  snapshot: { id: string; year: number; createdAt: string; hash: string };
  budget: BudgetRow[];
  membership: MembershipRow[];
}

/** The active token of a hash (its name and role), or null; and what the read found. */
export interface WithToken<T> {
  token: { name: string; role: Role } | null;
  value: T;
}

const rowsColumns = {
  id: snapshots.id, year: snapshots.year, hash: snapshots.hash, createdAt: snapshots.createdAt,
  budget: snapshots.budget, membership: snapshots.membership,
};

const statements = preparedOn((db) => {
  const latestOf = () => db.select(rowsColumns).from(snapshots).where(eq(snapshots.year, sql.placeholder('year'))).orderBy(desc(snapshots.seq)).limit(1);
  const byId = () => db.select(rowsColumns).from(snapshots).where(eq(snapshots.id, sql.placeholder('id')));
  // The token drives the statement: no active token, no row (and the snapshot is not read); a token and no
  // snapshot, one row whose snapshot is null.
  const withToken = (read: ReturnType<typeof latestOf> | ReturnType<typeof byId>, name: string) => {
    const s = read.as('s');
    return db
      .select({ name: tokens.name, role: tokens.role, snapshot: { id: s.id, year: s.year, hash: s.hash, createdAt: s.createdAt, budget: s.budget, membership: s.membership } })
      .from(tokens)
      .leftJoin(s, sql`true`)
      .where(and(eq(tokens.hash, sql.placeholder('hash')), isNull(tokens.revokedAt)))
      .prepare(name);
  };
  return {
    latest: latestOf().prepare('latest_snapshot_rows'),
    byId: byId().prepare('snapshot_rows_by_id'),
    latestWithToken: withToken(latestOf(), 'token_and_latest_snapshot_rows'),
    byIdWithToken: withToken(byId(), 'token_and_snapshot_rows_by_id'),
  };
});

type Stored = { id: string; year: number; hash: string; createdAt: Date; budget: Parameters<typeof budgetFromStored>[0][]; membership: Parameters<typeof membershipFromStored>[0][] };

function toRows(r: Stored | null | undefined): SnapshotRows | null {
  if (!r) return null;
  return {
    snapshot: { id: r.id, year: r.year, createdAt: r.createdAt.toISOString(), hash: r.hash },
    budget: r.budget.map(budgetFromStored),
    membership: r.membership.map(membershipFromStored),
  };
}

/** Which snapshot: the year's newest, or the one with this id. */
export type WhichSnapshot = { year: number; id?: undefined } | { id: string };

/** The snapshot's rows, or null. */
export async function snapshotRowsOf(db: Db, which: WhichSnapshot): Promise<SnapshotRows | null> {
  const s = statements(db);
  const [row] = which.id === undefined ? await s.latest.execute({ year: which.year }) : await s.byId.execute({ id: which.id });
  return toRows(row);
}

/** The active token with this hash and, in the same statement, the snapshot's rows (read only when the token is active). */
export async function snapshotRowsWithToken(db: Db, tokenHash: string, which: WhichSnapshot): Promise<WithToken<SnapshotRows | null>> {
  const s = statements(db);
  const [row] = which.id === undefined
    ? await s.latestWithToken.execute({ hash: tokenHash, year: which.year })
    : await s.byIdWithToken.execute({ hash: tokenHash, id: which.id });
  if (!row) return { token: null, value: null };
  return { token: { name: row.name, role: row.role }, value: toRows(row.snapshot) };
}
