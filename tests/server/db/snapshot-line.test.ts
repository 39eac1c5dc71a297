/**
 * Two service instances on one PostgreSQL database save at the same time. Each save takes its year's lock
 * in its transaction, so the saves of a year follow each other whichever instance took them, and each
 * snapshot names the latest one it followed (unique per year): a year's snapshots stay one line and a save
 * from a stale copy is refused.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../../server/db/connect';
import { saveSnapshot, type SaveOutcome } from '../../../server/save';
import { copenhagen } from '../../../shared/index';
import { createPostgresDatabase, testDatabases } from '../databases';
import { associations2025, workbook } from '../fixtures';

const postgres = testDatabases.find((d) => d.kind === 'postgresql')!;

function variant(k: number) {
  const rows = associations2025();
  rows[k % rows.length].totalMembers = 100_000 + k;
  return workbook(2025, rows);
}

describe.skipIf(postgres.skip !== null)('two instances saving to one PostgreSQL database', () => {
  let instances: Database[];
  let drop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const made = await createPostgresDatabase();
    drop = made.drop;
    url = made.url;
    // Saves here wait on each other's locks on purpose, for as long as a loaded machine takes: the service's
    // 2 s connect and 3 s query timeouts (outage bounds, proved in outage.test.ts) would turn that wait, or a
    // slow connect on a loaded machine, into a failure.
    const open = () => openDatabase({ kind: 'postgresql', url: made.url, poolSize: 4, timeouts: { queryMs: 600_000, connectMs: 600_000 } });
    instances = [await open(), await open()];
  });
  afterAll(async () => {
    for (const i of instances ?? []) await i.close();
    await drop?.();
  });

  const save = (instance: Database, k: number, basedOn: string | null, force = false): Promise<SaveOutcome> =>
    saveSnapshot(
      instance.db,
      { workbook: variant(k), options: {}, source: { workbook: 'x.xlsx', sheets: [] }, basedOn, force, sender: `instance-${k}`, now: new Date() },
      copenhagen,
    );

  it('stores one of several saves from the same copy, whichever instance took them', async () => {
    const first = await save(instances[0], 0, null);
    if (first.kind !== 'created') throw new Error(`the first save should be stored, got ${first.kind}`);
    const base = first.snapshot.id;
    const outcomes = await Promise.all(Array.from({ length: 16 }, (_, k) => save(instances[k % 2], k + 1, base)));
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'conflict')).toHaveLength(15);
  });

  it('keeps a year one line when both instances force their saves in', async () => {
    const outcomes = await Promise.all(Array.from({ length: 24 }, (_, k) => save(instances[k % 2], 100 + k, null, true)));
    expect(outcomes.map((o) => o.kind)).toEqual(outcomes.map(() => 'created'));
    const [line] = rowsOf<Record<string, unknown>>(await instances[0].db.execute(sql`
      select count(*)::int as snapshots, count(distinct parent_id)::int as parents,
             count(*) filter (where parent_id is null)::int as firsts,
             bool_and(parent_id is null or parent_seq < seq) as follows_older
        from (select s.*, p.seq as parent_seq from snapshots s left join snapshots p on p.id = s.parent_id) x
       where year = 2025`));
    // 1 + 1 from the first test, 24 now: every snapshot but the year's first follows a different, older one.
    expect(line).toEqual({ snapshots: 26, parents: 25, firsts: 1, follows_older: true });
  });

  it('stores every save when both instances keep saving the same year at once', async () => {
    // Each instance keeps 16 forced saves in flight until it has made 60: both wait on the year's lock all
    // the time, and every save is stored on the one before it.
    const perInstance = 60;
    const run = async (i: number) => {
      const kinds: string[] = [];
      let next = 0;
      const lane = async () => {
        while (next < perInstance) {
          const k = next++;
          kinds.push((await save(instances[i], 1000 + i * perInstance + k, null, true)).kind);
        }
      };
      await Promise.all(Array.from({ length: 16 }, lane));
      return kinds;
    };
    const kinds = (await Promise.all([run(0), run(1)])).flat();
    expect(kinds).toEqual(kinds.map(() => 'created'));
    const [line] = rowsOf<Record<string, unknown>>(await instances[0].db.execute(sql`
      select count(*)::int as snapshots, count(distinct parent_id)::int as parents, count(*) filter (where parent_id is null)::int as firsts
        from snapshots where year = 2025`));
    expect(line).toEqual({ snapshots: 26 + 2 * perInstance, parents: 25 + 2 * perInstance, firsts: 1 });
  });

  it('answers 409, not a failure, when a writer that takes no lock gets its snapshot in between', async () => {
    const base = (await save(instances[0], 5000, null, true)) as Extract<SaveOutcome, { kind: 'created' }>;
    // Another writer (SQL by hand, an old instance) inserts on top of the latest without the year's lock, and
    // holds its transaction open while this save reads the latest (still `base`) and inserts on top of it too.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(
        `insert into snapshots (id, year, model, hash, source_sheets, parent_id, created_by, created_at, budget_rows, membership_rows, report, budget, membership)
         values ('by-hand', 2025, 'model-2025', 'by-hand', '[]', $1, 'sql', now(), 0, 0, '{}', '[]', '[]')`,
        [base.snapshot.id],
      );
      const saving = save(instances[1], 5001, base.snapshot.id);
      let settled = false;
      saving.then(() => (settled = true), () => (settled = true));
      // Until this save's INSERT waits for the other transaction on the unique (year, parent_id). A save that
      // ends before it waits ends the loop, so its own error (not this loop's) says what went wrong.
      for (let i = 0; !settled; i++) {
        // Blocked by this client's transaction, whatever statement text pg_stat_activity shows for it at the
        // moment (with the extended protocol it can still show the save's previous select).
        const { rows } = await other.query(`select count(*)::int as n from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`);
        if (rows[0].n > 0) break;
        if (i >= 6_000) throw new Error('the save never came to wait on the other insert');
        await new Promise((r) => setTimeout(r, 50));
      }
      await other.query('commit');
      const outcome = await saving;
      expect(outcome.kind).toBe('conflict');
      expect((outcome as Extract<SaveOutcome, { kind: 'conflict' }>).latest.id).toBe('by-hand');
    } finally {
      await other.end();
    }
  });
});
