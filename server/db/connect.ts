/**
 * Opens the service's database: PGlite (PostgreSQL compiled to WebAssembly, persisted in a data dir)
 * by default, or a PostgreSQL server when a URL is given. Both get the same drizzle schema and the same
 * migration files, applied at open.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';
import { lockDataDir } from './data-dir-lock';
import { pgliteWasmModule } from './pglite-wasm';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The tag of the newest migration applied, e.g. "0000_initial". */
  schemaVersion: string;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'pglite'; /** null = in memory (tests and benchmarks only). */ dataDir: string | null }
  | { kind: 'postgresql'; url: string; poolSize?: number };

/** The rows of a raw `db.execute()`: node-postgres answers with a QueryResult, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** An arbitrary constant naming this service's advisory lock, so two instances never migrate at once. */
const MIGRATION_LOCK_KEY = 4_711_2025;

function latestMigrationTag(): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite' ? openPglite(options.dataDir) : openPostgres(options.url, options.poolSize);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  // PGlite is single-process: a second process on the same dir would corrupt it, so refuse clearly.
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    // PGlite's buffer pool is touched in full at start and stays in the process's memory (its WebAssembly
    // heap never shrinks): 128 MB by default. A snapshot is one row and a year's working set a few MB, and
    // pages the pool does not hold are read from the kernel's page cache, which is not the process's memory.
    // 8 MB serves as fast as 16 (built service, 10,000 snapshots, the bench's sequence of districts and save
    // load, then 4 exports of 10,000 associations each): saves 566-615 vs 531-604/s, later .xlsx exports
    // 206-274 vs 213-280 ms, .csv 168-223 vs 154-220 ms, for 8 MB less RSS. At 4 MB the .xlsx exports took
    // 382-446 against 289-382 ms. (16 MB had replaced the default the same way: as fast as 32 MB.)
    //
    // Its WebAssembly runs on V8's baseline compiler (Liftoff) only, never tiered up to TurboFan. TurboFan
    // compiles PostgreSQL's hot functions (some of them huge) on V8's worker thread, and the memory it works
    // in stays resident in that thread's malloc arena once freed: 29-31 MB after open, 22-24 MB after the
    // bench's load, against 2-6 MB with Liftoff only (built service, 10,000 snapshots: 187 -> 157 MB RSS once
    // open; export peak after the load 285-293 -> 270-271 MB). The cost is PostgreSQL's speed inside PGlite:
    // CPU per .csv export ~450 -> ~570 ms; per save the same within this machine's noise (2.5-3.6 ms either
    // way). Set here, before PGlite compiles its module, rather than in npm start's flags: only PGlite runs
    // WebAssembly in this process, and a service on PostgreSQL has no use for the flag.
    v8.setFlagsFromString('--liftoff-only');
    const options = {
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB'],
      pgliteWasmModule: await pgliteWasmModule(),
    };
    const client = dataDir ? await PGlite.create(join(dataDir, 'pglite'), options) : await PGlite.create(options);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      schemaVersion: latestMigrationTag(),
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Migrations run on a connection of their own, before the pool exists: the pool's connections are then
  // all made alike, with what the server turned out to offer.
  let lz4: boolean;
  const setup = new pg.Client({ connectionString: url });
  try {
    await setup.connect();
    // Advisory locks belong to a session, so lock, migrate and unlock on one connection.
    await setup.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(setup, { schema }), { migrationsFolder });
    } finally {
      await setup.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
    lz4 = await hasLz4(setup);
  } catch (error) {
    throw new Error(`Could not open the PostgreSQL database at ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await setup.end().catch(() => {});
  }
  // A snapshot's rows and report are compressed as they are stored (TOAST). lz4 took PostgreSQL's CPU per
  // save from 0.44 to 0.27 ms against the default pglz (50 saving connections, measured). A session
  // setting, given at connection start-up, since PGlite has no lz4 and one migration history serves both;
  // older rows stay pglz and read as before.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: lz4 ? '-c default_toast_compression=lz4' : undefined });
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgresql',
    schemaVersion: latestMigrationTag(),
    close: () => pool.end(),
  };
}

/** Whether the server was built with lz4 (Debian's and most are). */
async function hasLz4(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ lz4: boolean }>(
    "select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'",
  );
  return rows[0]?.lz4 === true;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
