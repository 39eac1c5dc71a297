/**
 * Which errors mean "the database cannot be reached now" (503) and which are faults (500): real errors of
 * node-postgres against a port nobody listens on and a server that never answers, and the app's answers.
 */
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { createAuth } from '../../../server/auth';
import { openDatabase, type Database } from '../../../server/db/connect';
import { unavailableReason } from '../../../server/db/unavailable';
import { freePort } from '../../support/service-process';

async function connectError(config: pg.ClientConfig): Promise<Error> {
  const client = new pg.Client(config);
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    return error as Error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error('connected, but a failure was expected');
}

describe('unavailableReason', () => {
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never says a word, as a frozen server does.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('names a refused connection, a connection that never answers and a lost one', async () => {
    expect(unavailableReason(await connectError({ host: '127.0.0.1', port: await freePort() }))).toBe('refused');
    expect(unavailableReason(await connectError({ host: '127.0.0.1', port: silentPort, connectionTimeoutMillis: 100 }))).toBe('timeout');
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    // drizzle wraps the driver's error in its own.
    expect(unavailableReason(new Error('Failed query: select 1', { cause: terminated }))).toBe('lost');
    expect(unavailableReason(new Error('Connection terminated unexpectedly'))).toBe('lost');
    expect(unavailableReason(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe('refused');
  });

  it('leaves every other error alone', () => {
    expect(unavailableReason(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBeNull();
    expect(unavailableReason(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableReason(null)).toBeNull();
  });
});

describe('the app when its database does not answer', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
  });
  afterAll(async () => {
    await database?.close();
  });

  const appWith = (ping: () => Promise<void>) =>
    createApp({ db: database.db, database: { ...database, ping }, auth: createAuth({ db: database.db }), clock: () => new Date() });

  it('says ok at /api/health when the database answers, 503 with the reason when it does not', async () => {
    const ok = await appWith(() => database.ping()).request('/api/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', database: 'pglite', schemaVersion: expect.stringMatching(/^\d{4}_/) });

    const refused = await connectError({ host: '127.0.0.1', port: await freePort() });
    const down = await appWith(() => Promise.reject(refused)).request('/api/health', { headers: { 'accept-language': 'en' } });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    const body = await down.json();
    expect(body).toMatchObject({ status: 'unavailable', database: 'pglite', error: { code: 'database-unavailable' } });
    expect(body.error.message).toContain('it does not accept connections');
    // No driver text, no address.
    expect(body.error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
