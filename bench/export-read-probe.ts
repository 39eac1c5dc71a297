/**
 * Developer probe (not part of `npm run bench`): the database side of the yearly export alone, on a database
 * seeded by bench/server-target.ts (BENCH_PHASE=seed), so a change to server/db/membership-export.ts can be
 * timed without the writers or HTTP. Prints medians of several runs of: readMembershipExport with its rows
 * drained, its one query alone, the texts alone, and the same totals read through the budget_rows /
 * membership_rows views; and the heap the export's data holds.
 *
 *   BENCH_SEEDED_DIR=/tmp/seeded node --expose-gc --import tsx bench/export-read-probe.ts pglite [runs]
 *   BENCH_DATABASE_URL=postgres://… node --expose-gc --import tsx bench/export-read-probe.ts postgresql [runs]
 *   env PROBE_FIRST=<case name>: run that case alone first, as the first query of a fresh process (PGlite's
 *   WebAssembly runs its first queries in baseline code, several times slower).
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/db/connect';
import { readMembershipExport } from '../server/db/membership-export';
import { copenhagen } from '../shared/index';

const kind = process.argv[2] === 'postgresql' ? 'postgresql' : 'pglite';
const runs = Number(process.argv[3] ?? 7);
const database = await openDatabase(
  kind === 'pglite'
    ? { kind, dataDir: process.env.BENCH_SEEDED_DIR! }
    : { kind, url: process.env.BENCH_DATABASE_URL!, poolSize: 4 },
);
const db = database.db;
// The export snapshot server-target.ts seeds (BENCH_EXPORT_ROWS associations, year 2030).
const id = '00000000-0000-4000-8000-000000002030';

async function readAll(): Promise<number> {
  const data = await readMembershipExport(db, id, copenhagen);
  let n = 0;
  for await (const _ of data.associations) n++;
  return n;
}

const cases: Record<string, () => Promise<unknown>> = {
  'readMembershipExport, rows drained': readAll,
  'json parse only': () => db.execute(sql`select json_array_length(budget), json_array_length(membership) from snapshots where id = ${id}`),
  'recordset count': () => db.execute(sql`select (select count(*) from json_to_recordset(s.membership) as m(association_key text)) + (select count(*) from json_to_recordset(s.budget) as b(association_key text)) from snapshots s where s.id = ${id}`),
  'texts alone': () => db.execute(sql`select budget::text, membership::text from snapshots where id = ${id}`),
  'totals through the views': () =>
    db.execute(sql`
      select grouping(b.district) as is_total, b.district, count(*)::int, sum(m.age_0_to_12)::float8, sum(m.age_13_to_18)::float8,
             sum(m.age_19_to_24)::float8, coalesce(sum(m.under_25), 0)::float8, sum(m.total_members)::float8
        from membership_rows m left join budget_rows b on b.snapshot_id = m.snapshot_id and b.association_key = m.association_key
       where m.snapshot_id = ${id}
       group by grouping sets ((b.district), ())`),
  'totals on the columns': () =>
    db.execute(sql`
      select grouping(b.district) as is_total, b.district, count(*)::int, sum(m.age_0_to_12)::float8, sum(m.age_13_to_18)::float8,
             sum(m.age_19_to_24)::float8, coalesce(sum(m.under_25), 0)::float8, sum(m.total_members)::float8
        from snapshots s
       cross join json_to_recordset(s.membership) as m(association_key text, age_0_to_12 float8, age_13_to_18 float8,
                                                       age_19_to_24 float8, under_25 float8, total_members float8)
        left join json_to_recordset(s.budget) as b(association_key text, district text) on b.association_key = m.association_key
       where s.id = ${id}
       group by grouping sets ((b.district), ())`),
};

const only = process.env.PROBE_FIRST;
if (only) {
  const t = performance.now();
  await cases[only]();
  console.log(`${kind}: ${only} as the first query: ${Math.round(performance.now() - t)} ms`);
}
const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
for (let round = 0; round < runs; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const t = performance.now();
    await run();
    times.get(name)!.push(performance.now() - t);
  }
}
for (const [name, [first, ...rest]] of times) {
  const later = rest.sort((a, b) => a - b);
  console.log(`${kind}: ${name}: first ${Math.round(first)} ms, later median ${Math.round(later[Math.floor(later.length / 2)] ?? NaN)} ms`);
}

// What the export's data holds while the writer runs: heap after reading, before the first row is taken.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const data = await readMembershipExport(db, id, copenhagen);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  let n = 0;
  for await (const _ of data.associations) n++;
  console.log(`${kind}: ${n} associations; the export's data holds ${(held / 1024 / 1024).toFixed(1)} MB of heap while it runs`);
}
await database.close();
