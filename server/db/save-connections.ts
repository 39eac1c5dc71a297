/**
 * PostgreSQL connections of their own for a save's transaction. Every other query is given up after the
 * outage bound (connect.ts, queryMs: 3 s), so that a database that stopped answering turns into a 503 within
 * 5 s. A save of a large workbook may legitimately take longer than that on a busy server (a 100,000-row
 * sheet took 25 s on a loaded machine and was answered 503), so its statements get a bound of their own
 * (saveMs). To keep the outage promise for saves as well, while a save holds a connection the server is
 * asked `select 1` on a fresh connection every pingMs, and when that finds the server unreachable (not
 * merely busy) the save connections are cut, so a save fails as a lost connection (503) instead of waiting
 * out saveMs.
 *
 * The sockets come from pg's documented `stream` factory, so cutting one is destroying a socket we made,
 * not reaching into the client's internals.
 */
import { Socket } from 'node:net';
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

/** Sockets for pg's `stream` option, each kept until it closes, so that all of them can be cut at once. */
function socketsToCut(): { stream: () => Socket; cut: () => void } {
  const open = new Set<Socket>();
  return {
    stream: () => {
      const socket = new Socket();
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      return socket;
    },
    // Destroying a socket fails the statement on it at once ("Connection terminated unexpectedly").
    cut: () => {
      for (const socket of open) socket.destroy();
    },
  };
}

/** `driver` is the pg module, which connect.ts loads only when PostgreSQL is opened. */
export function saveConnections(driver: typeof pg, connection: Connection, bounds: SaveConnectionBounds, max: number, onConnectionError: (error: Error) => void): pg.Pool {
  const sockets = socketsToCut();
  const pool = new driver.Pool({ ...connection, stream: sockets.stream, query_timeout: bounds.saveMs, max });
  let saving = 0;
  let watch: ReturnType<typeof setInterval> | undefined;
  let asking = false;
  pool.on('connect', (client) => client.on('error', onConnectionError));
  pool.on('error', () => {});
  pool.on('acquire', () => {
    saving += 1;
    watch ??= setInterval(() => {
      if (asking) return;
      asking = true;
      void serverAnswers(driver, connection, bounds).then((answers) => {
        asking = false;
        if (!answers && saving > 0) sockets.cut();
      });
    }, bounds.pingMs);
    // A save in progress must not keep a stopping process alive.
    watch.unref();
  });
  pool.on('release', () => {
    saving -= 1;
    if (saving === 0) {
      clearInterval(watch);
      watch = undefined;
    }
  });
  return pool;
}

/** False only when the server is unreachable; a refusal for another reason (too many connections) is an answer. */
async function serverAnswers(driver: typeof pg, connection: Connection, bounds: SaveConnectionBounds): Promise<boolean> {
  const sockets = socketsToCut();
  const client = new driver.Client({ ...connection, stream: sockets.stream, connectionTimeoutMillis: bounds.connectMs, query_timeout: bounds.pingMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    void client.end().catch(() => {});
    return true;
  } catch (error) {
    // A server that went silent would never complete a polite end: drop the socket.
    sockets.cut();
    return unavailableReason(error) === null;
  }
}
