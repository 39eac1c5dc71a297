/**
 * PostgreSQL connections of their own for a save's transaction. Every other query is given up after the
 * outage bound (connect.ts, queryMs: 3 s), so that a database that stopped answering turns into a 503 within
 * 5 s. A save of a large workbook may legitimately take longer than that on a busy server (a 100,000-row
 * sheet took 25 s on a loaded machine and was answered 503), so its statements get a bound of their own
 * (saveMs). To keep the outage promise for saves as well, a save that holds its connection longer than
 * pingMs is watched: the server is asked `select 1` on a fresh connection every pingMs, and when that
 * finds the server unreachable (not merely busy) the save's connection is cut, so the save fails as a lost
 * connection (503) instead of waiting out saveMs.
 */
import type pg from 'pg';
import { unavailableReason } from './unavailable';

export interface SaveConnectionBounds {
  connectMs: number;
  /** How long one statement of a save may run while the server goes on answering. */
  saveMs: number;
  /** How often a long save asks whether the server still answers, and how long that answer may take. */
  pingMs: number;
}

/** The connection settings shared with the service's main pool (URL, connect timeout, keep-alive). */
type Connection = Omit<pg.PoolConfig, 'max' | 'query_timeout'>;

/** `driver` is the pg module, which connect.ts loads only when PostgreSQL is opened. */
export function saveConnections(driver: typeof pg, connection: Connection, bounds: SaveConnectionBounds, max: number, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new driver.Pool({ ...connection, query_timeout: bounds.saveMs, max });
  const watches = new Map<pg.PoolClient, ReturnType<typeof setInterval>>();
  pool.on('connect', (client) => client.on('error', onConnectionError));
  pool.on('error', () => {});
  pool.on('acquire', (client) => {
    let asking = false;
    const watch = setInterval(() => {
      if (asking) return;
      asking = true;
      serverAnswers(driver, connection, bounds).then((answers) => {
        asking = false;
        // Destroying the socket fails the save's statement at once ("Connection terminated unexpectedly").
        if (!answers && watches.has(client)) client.connection.stream.destroy();
      });
    }, bounds.pingMs);
    // A save in progress must not keep a stopping process alive.
    watch.unref();
    watches.set(client, watch);
  });
  pool.on('release', (_error, client) => {
    clearInterval(watches.get(client));
    watches.delete(client);
  });
  return pool;
}

/** False only when the server is unreachable; a refusal for another reason (too many connections) is an answer. */
async function serverAnswers(driver: typeof pg, connection: Connection, bounds: SaveConnectionBounds): Promise<boolean> {
  const client = new driver.Client({ ...connection, connectionTimeoutMillis: bounds.connectMs, query_timeout: bounds.pingMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    void client.end().catch(() => {});
    return true;
  } catch (error) {
    // A server that went silent would never complete a polite end: drop the socket.
    client.connection.stream.destroy();
    return unavailableReason(error) === null;
  }
}
