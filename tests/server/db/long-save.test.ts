/**
 * A save may take longer than the outage bound on a busy PostgreSQL and is still stored; any other statement
 * is given up at that bound; and a long save is given up as soon as the server stops answering. On a
 * throwaway database of the test cluster, a trigger makes every insert into snapshots sleep for as long as
 * the test says (pg_sleep), several times the bound this test opens the database with, so the outcome does
 * not depend on how fast the machine is. "The server stops answering" is a TCP proxy in front of it that
 * goes silent: the shared cluster itself is never stopped.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/connect';
import { countSnapshots } from '../../../server/db/snapshots';
import { unavailableReason } from '../../../server/db/unavailable';
import { saveSnapshot } from '../../../server/save';
import { copenhagen } from '../../../shared/index';
import { createPostgresDatabase, testDatabases } from '../databases';
import { associations2025, workbook } from '../fixtures';

const postgres = testDatabases.find((d) => d.kind === 'postgresql')!;

/** The bound of every statement but a save's, for this test; a sleeping insert takes three times as long. */
const QUERY_MS = 1_500;
const SLOW_INSERT_S = (3 * QUERY_MS) / 1000;

/** A TCP proxy to PostgreSQL that can go silent: it keeps every connection open and passes nothing on. */
async function silenceableProxy(port: number): Promise<{ port: number; silence: () => void; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let silent = false;
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    if (silent) return;
    const upstream = connect(port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('error', () => {});
    client.on('data', (chunk) => silent || upstream.write(chunk));
    upstream.on('data', (chunk) => silent || client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    silence: () => {
      silent = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.skipIf(postgres.skip !== null)('a save that takes longer than the outage bound, on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  let admin: pg.Client;

  const setSleep = (seconds: number) => admin.query('update save_sleep set seconds = $1', [seconds]);
  const save = (db: Database, k: number) => {
    const rows = associations2025();
    rows[0].totalMembers = 1_000 + k;
    return saveSnapshot(
      db.db,
      { workbook: workbook(2025, rows), options: {}, source: { workbook: 'x.xlsx', sheets: [] }, basedOn: null, force: true, sender: 'long-save', now: new Date() },
      copenhagen,
    );
  };

  beforeAll(async () => {
    const made = await createPostgresDatabase();
    url = made.url;
    drop = made.drop;
    // Migrated with the service's own bounds; the test's shorter one applies from the second opening on.
    await (await openDatabase({ kind: 'postgresql', url, poolSize: 2 })).close();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`
      create table save_sleep (seconds double precision not null);
      insert into save_sleep values (0);
      create function sleep_before_insert() returns trigger language plpgsql as $$
        begin perform pg_sleep((select seconds from save_sleep)); return new; end $$;
      create trigger sleep_before_insert before insert on snapshots for each row execute function sleep_before_insert();`);
    database = await openDatabase({ kind: 'postgresql', url, poolSize: 2, timeouts: { queryMs: QUERY_MS } });
  });
  afterAll(async () => {
    await database?.close();
    await admin?.end();
    await drop?.();
  });

  it('stores a save whose insert runs three times the bound', async () => {
    await setSleep(SLOW_INSERT_S);
    const outcome = await save(database, 1);
    expect(outcome.kind).toBe('created');
    expect(await countSnapshots(database.db)).toBe(1);
  });

  it('still gives up any other statement at the bound, as the database not answering in time', async () => {
    const error = await database.db.execute(sql`select pg_sleep(${SLOW_INSERT_S})`).then(() => null, (e: unknown) => e);
    expect(unavailableReason(error)).toBe('timeout');
    // The pool goes on working after it.
    expect(await countSnapshots(database.db)).toBe(1);
  });

  it('gives up a long save as a lost connection once the server stops answering', async () => {
    const pgPort = Number(new URL(url).port || 5432);
    const proxy = await silenceableProxy(pgPort);
    const proxied = new URL(url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const behind = await openDatabase({ kind: 'postgresql', url: proxied.toString(), poolSize: 2, timeouts: { queryMs: QUERY_MS }, onConnectionError: () => {} });
    try {
      // The insert would sleep for ten minutes: far past the test's own time limit, so only the cut ends it.
      await setSleep(600);
      const saving = save(behind, 2).then(() => null, (e: unknown) => e);
      // Silent only once the save's insert is under way (its trigger sleeping).
      for (;;) {
        const { rows } = await admin.query(`select count(*)::int as n from pg_stat_activity
          where wait_event = 'PgSleep' and datname = current_database() and query ilike 'insert into "snapshots"%'`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      proxy.silence();
      expect(unavailableReason(await saving)).toBe('lost');
    } finally {
      await proxy.close();
      await behind.close().catch(() => {});
      await admin.query("select pg_cancel_backend(pid) from pg_stat_activity where wait_event = 'PgSleep' and datname = current_database()");
      await setSleep(0);
    }
    // Nothing was stored by the save that was cut.
    expect(await countSnapshots(database.db)).toBe(1);
  });
});
