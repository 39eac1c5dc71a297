/**
 * Real listening servers: data survives a restart on the same data dir or database, two instances can
 * start on one PostgreSQL at once, and a second process on a PGlite data dir is refused with a clear message.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { openDatabase, type Database, type DatabaseOptions } from '../../server/db/connect';
import { DataDirLockedError } from '../../server/db/data-dir-lock';
import { createToken } from '../../server/db/tokens';
import { root } from '../../scripts/build-server';
import { snapshotBody, workbook } from './fixtures';
import { createPostgresDatabase, testDatabases } from './databases';
import { startMain, stopMain as stop } from './main-process';

async function listen(database: Database): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp({ db: database.db, database, auth: createAuth({ db: database.db }), clock: () => new Date() });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

async function saveAndRestart(options: DatabaseOptions) {
  const first = await openDatabase(options);
  const { token } = await createToken(first.db, { name: 'restart', role: 'editor', now: new Date() });
  const a = await listen(first);
  const saved = await fetch(`${a.url}/api/snapshots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(snapshotBody(workbook())),
  });
  expect(saved.status).toBe(201);
  const { snapshot } = await saved.json();
  await a.close();
  await first.close();

  const second = await openDatabase(options);
  const b = await listen(second);
  try {
    const read = await fetch(`${b.url}/api/years/2025/districts`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const body = await read.json();
    expect(body.snapshot.id).toBe(snapshot.id);
    expect(body.total.associations).toBe(21);
  } finally {
    await b.close();
    await second.close();
  }
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'partnerskab-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('restart on PGlite', () => {
  it('keeps the snapshots and tokens in the data dir across a restart', async () => {
    await saveAndRestart({ kind: 'pglite', dataDir: tempDir() });
  });

  it('refuses a second opener of a data dir in use, saying what to do', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const second = openDatabase({ kind: 'pglite', dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/in use by process \d+.*DATABASE_URL/);
    } finally {
      await first.close();
    }
    // Released on close: the next start takes it.
    await (await openDatabase({ kind: 'pglite', dataDir: dir })).close();
  });
});

const postgres = testDatabases.find((d) => d.kind === 'postgresql')!;
describe.skipIf(postgres.skip !== null)('restart on PostgreSQL', () => {
  it('keeps the snapshots across a restart, and two instances starting at once both migrate safely', async () => {
    const { url, drop } = await createPostgresDatabase();
    try {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: 'postgresql', url, poolSize: 2 })));
      await Promise.all([a.close(), b.close(), c.close()]);
      await saveAndRestart({ kind: 'postgresql', url });
    } finally {
      await drop();
    }
  });
});

describe('npm start (the built service, dist/server/main.mjs with plain Node)', () => {
  it('prints a one-time admin token on a fresh data dir, serves with it, and refuses a second process on the dir', async () => {
    const dir = tempDir();
    const first = startMain({ DATA_DIR: dir });
    try {
      const url = await first.ready;
      const token = /pks_[A-Za-z0-9_-]{43}/.exec(first.output())?.[0];
      expect(token, first.output()).toBeDefined();
      expect(first.output()).toContain('token create --name');
      const tokens = await fetch(`${url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect(tokens.status).toBe(200);
      expect((await tokens.json()).tokens).toEqual([expect.objectContaining({ name: 'admin', role: 'admin' })]);

      const second = startMain({ DATA_DIR: dir });
      await expect(second.ready).rejects.toThrow(/exited with 1.*in use by process/s);
    } finally {
      await stop(first.child);
    }
    const again = startMain({ DATA_DIR: dir });
    try {
      await again.ready;
      expect(again.output()).not.toMatch(/pks_/);
    } finally {
      await stop(again.child);
    }
  });

  it('starts from the build with plain Node, migrates, serves the manifest and office.js, and reads an uploaded .xlsx in its worker', async () => {
    const dir = tempDir();
    const service = startMain({ DATA_DIR: dir });
    try {
      const url = await service.ready;
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', database: 'pglite', schemaVersion: expect.stringMatching(/^\d{4}_/) });
      const token = /pks_[A-Za-z0-9_-]{43}/.exec(service.output())?.[0];
      expect(token, service.output()).toBeDefined();
      // The manifest and office.js come from the checkout, found from dist/ as from server/.
      expect((await fetch(`${url}/manifest.xml`)).status).toBe(200);
      expect((await fetch(`${url}/office-js/office.js`)).status).toBe(200);
      const form = new FormData();
      form.set('file', new Blob([readFileSync(join(root, 'samples', 'partnerskab-2025.xlsx'))]), 'partnerskab-2025.xlsx');
      const checked = await fetch(`${url}/api/workbooks`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(checked.status).toBe(200);
      expect((await checked.json()).report).toMatchObject({ year: 2025, ok: true });
    } finally {
      await stop(service.child);
    }
  });

  it.skipIf(postgres.skip !== null)('on PostgreSQL, checks a JSON save and stores it', async () => {
    const { url: databaseUrl, drop } = await createPostgresDatabase();
    const service = startMain({ DATABASE_URL: databaseUrl });
    try {
      const url = await service.ready;
      const token = /pks_[A-Za-z0-9_-]{43}/.exec(service.output())?.[0];
      expect(token, service.output()).toBeDefined();
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const saved = await fetch(`${url}/api/snapshots`, { method: 'POST', headers, body: JSON.stringify(snapshotBody(workbook())) });
      expect(saved.status, service.output()).toBe(201);
      const again = await fetch(`${url}/api/snapshots`, { method: 'POST', headers, body: JSON.stringify(snapshotBody(workbook())) });
      expect(again.status).toBe(200);
      const malformed = await fetch(`${url}/api/snapshots`, { method: 'POST', headers, body: '{"sheets": [' });
      expect(malformed.status).toBe(400);
      const districts = await (await fetch(`${url}/api/years/2025/districts`, { headers })).json();
      expect(districts.snapshot.id).toBe((await saved.json()).snapshot.id);
    } finally {
      await stop(service.child);
      await drop();
    }
  });
});
