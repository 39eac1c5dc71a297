/**
 * The service under benchmark, in a process of its own so the load generator does not share its event
 * loop: opens the database named by BENCH_DB (pglite in a fresh dir | postgresql at BENCH_DATABASE_URL),
 * stores one real 21-association snapshot, copies it to BENCH_SNAPSHOTS snapshots in SQL (saving that many
 * through the API would take minutes), adds one snapshot with BENCH_EXPORT_ROWS associations for the
 * export, and prints one line: READY {json}.
 */
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/app';
import { createAuth } from '../server/auth';
import { openDatabase, type Database } from '../server/db/connect';
import { ReadCache } from '../server/db/read-cache';
import { createToken } from '../server/db/tokens';
import { saveSnapshot } from '../server/save-snapshot';
import { copenhagen } from '../shared/index';
import { workbook } from '../tests/server/fixtures';

const kind = process.env.BENCH_DB === 'postgresql' ? 'postgresql' : 'pglite';
const snapshots = Number(process.env.BENCH_SNAPSHOTS ?? 10_000);
const exportRows = Number(process.env.BENCH_EXPORT_ROWS ?? 10_000);

async function seed(database: Database): Promise<string> {
  const db = database.db;
  const saved = await saveSnapshot(
    db,
    new ReadCache(db, copenhagen, false),
    { workbook: workbook(), options: {}, source: { workbook: 'bench.xlsx', sheets: [] }, basedOn: null, force: true, sender: 'bench', now: new Date() },
    copenhagen,
  );
  if (saved.kind !== 'created') throw new Error(`bench seed: expected a new snapshot, got ${saved.kind}`);
  const template = saved.snapshot.id;
  // Copies spread over 2012–2025; 2025's latest is then a copy with the template's rows.
  await db.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report)
    select gen_random_uuid()::text, 2012 + (g % 14), model, md5(hash || g::text), source_workbook, source_sheets, null, created_by, created_at, budget_rows, membership_rows, report
      from snapshots, generate_series(1, ${snapshots - 1}) g where id = ${template}`);
  await db.execute(sql`
    insert into budget_rows (snapshot_id, row, association_key, association, district, local_area, tier, "grant", cofinancing, hours, salary, agreement_terms, funding_source, consultant, since, year)
    select s.id, b.row, b.association_key, b.association, b.district, b.local_area, b.tier, b."grant", b.cofinancing, b.hours, b.salary, b.agreement_terms, b.funding_source, b.consultant, b.since, b.year
      from snapshots s cross join budget_rows b where b.snapshot_id = ${template} and s.id <> ${template}`);
  await db.execute(sql`
    insert into membership_rows (snapshot_id, row, association_key, association, year, age_0_to_12, age_13_to_18, age_19_to_24, under_25, girls, boys, total_members)
    select s.id, m.row, m.association_key, m.association, m.year, m.age_0_to_12, m.age_13_to_18, m.age_19_to_24, m.under_25, m.girls, m.boys, m.total_members
      from snapshots s cross join membership_rows m where m.snapshot_id = ${template} and s.id <> ${template}`);

  // One year (2030) with exportRows associations, for the export through the route.
  const exportId = '00000000-0000-4000-8000-000000002030';
  await db.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report)
    values (${exportId}, 2030, 'model-2025', 'bench-export', 'bench.xlsx', '[]'::jsonb, null, 'bench', now(), ${exportRows}, ${exportRows}, '{}'::jsonb)`);
  const districts = [...copenhagen.districts.map((d) => d.name), copenhagen.cityWide.name];
  // A literal array: drizzle would expand a JS array parameter into a row of parameters.
  const districtArray = sql.raw(`array[${districts.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ')}]`);
  await db.execute(sql`
    insert into budget_rows (snapshot_id, row, association_key, association, district, local_area, tier, "grant", cofinancing, hours, funding_source, year)
    select ${exportId}, g + 1, 'forening' || g, 'Forening ' || g, (${districtArray})[1 + g % ${districts.length}], null, 'standard', 250000, 50000, 25, 'varige-midler', 2030
      from generate_series(1, ${exportRows}) g`);
  await db.execute(sql`
    insert into membership_rows (snapshot_id, row, association_key, association, year, age_0_to_12, age_13_to_18, age_19_to_24, under_25, total_members)
    select ${exportId}, g + 1, 'forening' || g, 'Forening ' || g, 2030, 50 + g % 100, 30 + g % 50, 10 + g % 20, 90 + g % 100 + g % 50 + g % 20, 400 + g % 300
      from generate_series(1, ${exportRows}) g`);
  // A bulk load leaves the planner without statistics until autovacuum comes round (never, on PGlite).
  await db.execute(sql`analyze`);
  return template;
}

const database = await openDatabase(
  kind === 'postgresql'
    ? { kind, url: process.env.BENCH_DATABASE_URL!, poolSize: 20 }
    : { kind, dataDir: process.env.BENCH_DATA_DIR! },
);
await seed(database);
const editor = (await createToken(database.db, { name: 'bench-editor', role: 'editor', now: new Date() })).token;
const reader = (await createToken(database.db, { name: 'bench-reader', role: 'reader', now: new Date() })).token;
// As npm start configures it: token look-ups trusted for 5 s.
const app = createApp({ db: database.db, database, auth: createAuth({ db: database.db, cacheMs: 5_000 }), clock: () => new Date() });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, editor, reader })}`);
});
process.on('SIGTERM', () => server.close(() => database.close().finally(() => process.exit(0))));
