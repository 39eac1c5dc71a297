/**
 * Opens the service's database: PGlite (PostgreSQL compiled to WebAssembly, persisted in a data dir)
 * by default, or a PostgreSQL server when a URL is given. Both get the same drizzle schema and the same
 * migration files, applied at open.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { QueryConfig } from 'pg';
import * as schema from './schema';
import { lockDataDir } from './data-dir-lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The tag of the newest migration applied, e.g. "0000_initial". */
  schemaVersion: string;
  /** Resolves when the database answers a trivial query; rejects with the driver's error otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long the service waits for PostgreSQL. While it is unreachable a request must fail within 5 s (and
 * answer 503), not hang: a new connection is given up after `connectMs`, a query after `queryMs`.
 */
export interface PostgresTimeouts {
  connectMs: number;
  queryMs: number;
  /**
   * For a statement of a save's transaction (server/db/save-connections.ts): a large save may take longer
   * than queryMs on a busy server; it is still given up within 5 s once the server stops answering.
   */
  saveMs: number;
  /** For GET /api/health's query: a load balancer asks often and wants a quick answer. */
  pingMs: number;
}

export const defaultPostgresTimeouts: PostgresTimeouts = { connectMs: 2_000, queryMs: 3_000, saveMs: 60_000, pingMs: 1_500 };

export type DatabaseOptions =
  | { kind: 'pglite'; /** null = in memory (tests and benchmarks only). */ dataDir: string | null }
  | {
      kind: 'postgresql';
      url: string;
      poolSize?: number;
      timeouts?: Partial<PostgresTimeouts>;
      /** Where a dropped connection is reported (the pool replaces it); by default the service's stderr. */
      onConnectionError?: (error: Error) => void;
    };

/** The rows of a raw `db.execute()`: node-postgres answers with a QueryResult, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Where a database's saves run: on PostgreSQL, connections with the longer save bound; on PGlite, the one database. */
const saveDbs = new WeakMap<Db, Db>();

/** The database to run a save's transaction on (server/db/snapshots.ts insertSnapshot). */
export function forSaves(db: Db): Db {
  return saveDbs.get(db) ?? db;
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

/**
 * Each kind loads its own driver when it is opened, so a service on PGlite never loads pg and drizzle's
 * node-postgres half, nor one on PostgreSQL PGlite: loading modules is most of what `npm start` does besides
 * opening the database.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite' ? openPglite(options.dataDir) : openPostgres(options);
}

/**
 * PGlite's PostgreSQL runs inside this process, and its shared buffers are part of the process's own memory:
 * PGlite sets the whole pool up at start, so PostgreSQL's default of 128 MB is 128 MB of the service's RSS for
 * good (10,000 stored versions: ~340 MB at start, not ~210). A server PostgreSQL keeps the pool outside the
 * service; here the data files are read through the kernel, whose page cache already holds them, so a small
 * pool costs no reads that a big one saves: the districts answer and the export of 10,000 associations took
 * the same time with 16 MB as with 128 MB. The one setting the service gives PGlite.
 */
const pgliteSharedBuffers = '16MB';

async function openPglite(dataDir: string | null): Promise<Database> {
  // PGlite is single-process: a second process on the same dir would corrupt it, so refuse clearly.
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
    const options = { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers}`] };
    const client = dataDir ? await PGlite.create(join(dataDir, 'pglite'), options) : await PGlite.create(options);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      schemaVersion: latestMigrationTag(),
      async ping() {
        await client.query('select 1');
      },
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

const reportToStderr = (error: Error) => console.error(`PostgreSQL connection lost: ${error.message.split('\n', 1)[0]}`);

async function openPostgres(options: Extract<DatabaseOptions, { kind: 'postgresql' }>): Promise<Database> {
  const { url, poolSize = 10 } = options;
  const timeouts = { ...defaultPostgresTimeouts, ...options.timeouts };
  const onConnectionError = options.onConnectionError ?? reportToStderr;
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }, { saveConnections }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
    import('./save-connections'),
  ]);
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
    // A peer that vanished without closing (a failover, a cable) is noticed by the operating system.
    keepAlive: true,
  };
  // Migrations run on a connection of their own, before the pool exists.
  const setup = new pg.Client(connection);
  // A client without an 'error' listener ends the process when its server goes away (an unhandled event).
  setup.on('error', onConnectionError);
  try {
    await setup.connect();
    // Advisory locks belong to a session, so lock, migrate and unlock on one connection.
    await setup.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(setup, { schema }), { migrationsFolder });
    } finally {
      await setup.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    throw new Error(`Could not open the PostgreSQL database at ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await setup.end().catch(() => {});
  }
  const pool = new pg.Pool({ ...connection, max: poolSize });
  // A connection its server ended (a stop, a failover, pg_terminate_backend) reports it on its client, idle
  // or checked out: reported here, and the pool drops it; the next query opens a new connection. The pool
  // passes on an idle client's error too, already reported by then.
  pool.on('connect', (client) => client.on('error', onConnectionError));
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // As many as the main pool: a save waiting its turn for the year's lock waits there, within saveMs, rather
  // than in the pool's queue, which gives up after connectMs. Connections are opened only when needed.
  const savePool = saveConnections(pg, connection, timeouts, poolSize, onConnectionError);
  saveDbs.set(db, drizzlePg(savePool, { schema }) as unknown as Db);
  return {
    db,
    kind: 'postgresql',
    schemaVersion: latestMigrationTag(),
    async ping() {
      await pool.query({ text: 'select 1', query_timeout: timeouts.pingMs } as QueryConfig);
    },
    close: async () => {
      await Promise.all([pool.end(), savePool.end()]);
    },
  };
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
