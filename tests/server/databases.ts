/**
 * The server suites run on both databases: PGlite in memory, and a real PostgreSQL where each suite makes
 * and drops its own database. Without PostgreSQL the second half skips with a printed reason — never in
 * CI (CI=true), where a missing PostgreSQL is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../server/db/connect';
import { processAlive } from '../../server/db/data-dir-lock';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://partnerskab:partnerskab@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `PostgreSQL is not reachable at ${adminUrl.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}); run scripts/ensure-postgres.sh or set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresUnavailable = await probePostgres();
if (postgresUnavailable) {
  if (process.env.CI === 'true') throw new Error(`CI=true needs PostgreSQL for the server suite: ${postgresUnavailable}`);
  console.warn(`SKIPPING the PostgreSQL half of the server tests: ${postgresUnavailable}`);
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** Why this database is skipped here, or null. */
  skip: string | null;
  /** A fresh, migrated database; `drop` closes and removes it. */
  create(): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }>;
}

/** A new empty PostgreSQL database for one suite (or the bench); its URL, and how to drop it. */
export async function createPostgresDatabase(prefix = 'partnerskab_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropOrphans(admin);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * Drops the databases of suites and benches that were killed before they could drop their own: their
 * names carry the creating process's id, and that process is gone. Only on a server on this machine,
 * where those ids mean something.
 */
async function dropOrphans(admin: pg.Client): Promise<void> {
  if (!['localhost', '127.0.0.1', '[::1]'].includes(new URL(adminUrl).hostname)) return;
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^partnerskab_[a-z]+_[0-9]+_[0-9a-f]{8}$'`);
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)_[0-9a-f]{8}$/.exec(datname)![1]);
    if (pid === process.pid || processAlive(pid)) continue;
    await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
  }
}

export const testDatabases: TestDatabase[] = [
  {
    kind: 'pglite',
    skip: null,
    async create() {
      const database = await openDatabase({ kind: 'pglite', dataDir: null });
      return { database, url: null, drop: () => database.close() };
    },
  },
  {
    kind: 'postgresql',
    skip: postgresUnavailable,
    async create() {
      const { url, drop } = await createPostgresDatabase();
      const database = await openDatabase({ kind: 'postgresql', url, poolSize: 4 });
      return {
        database,
        url,
        drop: async () => {
          await database.close();
          await drop();
        },
      };
    },
  },
];
