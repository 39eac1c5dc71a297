/**
 * The service under benchmark, in a process of its own so the load generator does not share its event
 * loop: the database named by BENCH_DB (pglite in a fresh dir | postgresql at BENCH_DATABASE_URL) gets one
 * real 21-association snapshot, copied to BENCH_SNAPSHOTS snapshots in SQL (saving that many through the
 * API would take minutes), and one snapshot with BENCH_EXPORT_ROWS associations for the export; then the
 * service starts on it and prints one line: READY {json}.
 *
 * The seeding runs in a child process of its own (this file again, with BENCH_PHASE=seed), and the service
 * opens the seeded database afresh, as a real service does after a restart. PGlite runs inside the
 * process, and its WebAssembly heap grows to what the bulk INSERT … SELECTs needed (over 900 MB) and never
 * shrinks; seeding in the service's own process made the service's RSS a figure of the seeding, not of
 * the service.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app';
import { createAuth } from '../server/auth';
import { openDatabase, type Database } from '../server/db/connect';
import { createToken } from '../server/db/tokens';
import { saveSnapshot } from '../server/save';
import { copenhagen, districtOrder } from '../shared/index';
import { workbook } from '../tests/server/fixtures';

const kind = process.env.BENCH_DB === 'postgresql' ? 'postgresql' : 'pglite';
const snapshots = Number(process.env.BENCH_SNAPSHOTS ?? 10_000);
const exportRows = Number(process.env.BENCH_EXPORT_ROWS ?? 10_000);

async function seed(database: Database): Promise<string> {
  const db = database.db;
  const saved = await saveSnapshot(
    db,
    { workbook: workbook(), options: {}, source: { workbook: 'bench.xlsx', sheets: [] }, basedOn: null, force: true, sender: 'bench', now: new Date() },
    copenhagen,
  );
  if (saved.kind !== 'created') throw new Error(`bench seed: expected a new snapshot, got ${saved.kind}`);
  const template = saved.snapshot.id;
  // Copies spread over 2012–2025; 2025's latest is then a copy with the template's rows.
  await db.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, parent_id, created_by, created_at, budget_rows, membership_rows, report, budget, membership)
    select md5('bench' || g)::uuid::text, 2012 + (g % 14), model, md5(hash || g::text), source_workbook, source_sheets, null,
           -- Each copy follows the one before it in its year (the template is 2025's first), as saves would.
           case when g > 14 then md5('bench' || (g - 14))::uuid::text when 2012 + g % 14 = 2025 then ${template} end,
           created_by, created_at, budget_rows, membership_rows, report, budget, membership
      from snapshots, generate_series(1, ${snapshots - 1}) g where id = ${template}
     order by g`);

  // One year (2030) with exportRows associations, for the export through the route.
  const exportId = '00000000-0000-4000-8000-000000002030';
  const districts = districtOrder(copenhagen);
  // A literal array: drizzle would expand a JS array parameter into a row of parameters.
  const districtArray = sql.raw(`array[${districts.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ')}]`);
  await db.execute(sql`
    insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report, budget, membership)
    values (${exportId}, 2030, 'model-2025', 'bench-export', 'bench.xlsx', '[]'::jsonb, null, 'bench', now(), ${exportRows}, ${exportRows}, '{}',
      (select json_agg(json_build_object('row', g + 1, 'association_key', 'forening' || g, 'association', 'Forening ' || g,
         'district', (${districtArray})[1 + g % ${districts.length}], 'local_area', null, 'tier', 'standard', 'grant', 250000,
         'cofinancing', 50000, 'hours', 25, 'funding_source', 'varige-midler', 'year', 2030) order by g)
         from generate_series(1, ${exportRows}) g),
      (select json_agg(json_build_object('row', g + 1, 'association_key', 'forening' || g, 'association', 'Forening ' || g,
         'year', 2030, 'age_0_to_12', 50 + g % 100, 'age_13_to_18', 30 + g % 50, 'age_19_to_24', 10 + g % 20,
         'under_25', 90 + g % 100 + g % 50 + g % 20, 'total_members', 400 + g % 300) order by g)
         from generate_series(1, ${exportRows}) g))`);
  // A bulk load leaves the planner without statistics until autovacuum comes round (never, on PGlite).
  // VACUUM too: on PostgreSQL, autovacuum would otherwise take up the 10,000 new rows in the middle of the
  // measurements, on the same 2 cores as the service and the load generator.
  await db.execute(sql`vacuum analyze`);
  return template;
}

const open = (queryMs?: number) =>
  openDatabase(
    kind === 'postgresql'
      ? { kind, url: process.env.BENCH_DATABASE_URL!, poolSize: 20, ...(queryMs ? { timeouts: { queryMs } } : {}) }
      : { kind, dataDir: process.env.BENCH_DATA_DIR! },
  );

if (process.env.BENCH_PHASE === 'seed') {
  // The bulk copies take longer than the service's 3 s bound on a query, more so on a busy machine.
  const seeding = await open(600_000);
  await seed(seeding);
  await seeding.close();
  process.exit(0);
}
// stdout of the seeding goes to stderr: only this process may print READY. BENCH_SEEDED=1 (a probe that
// reuses a database it seeded before) skips it.
const seeded = process.env.BENCH_SEEDED === '1' ? { status: 0, signal: null } : spawnSync(process.execPath, [...(import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : []), fileURLToPath(import.meta.url)], {
  env: { ...process.env, BENCH_PHASE: 'seed' },
  stdio: ['ignore', process.stderr, process.stderr],
});
if (seeded.status !== 0) throw new Error(`bench seed: the seeding process exited with ${seeded.status ?? seeded.signal}`);

const database = await open();
const editor = (await createToken(database.db, { name: `bench-editor-${process.pid}`, role: 'editor', now: new Date() })).token;
const reader = (await createToken(database.db, { name: `bench-reader-${process.pid}`, role: 'reader', now: new Date() })).token;
// As npm start serves it: one log line per request on stdout.
const app = createApp({ db: database.db, database, auth: createAuth({ db: database.db }), clock: () => new Date(), log: (line) => console.log(line) });
const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
});
console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, editor, reader })}`);
process.on('SIGTERM', () => server.close(() => database.close().finally(() => process.exit(0))));
