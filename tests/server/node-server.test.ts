/**
 * The app as Node serves it (@hono/node-server, as npm start runs it), not through app.request(): every kind
 * of answer carries the security headers, beside the answer's own headers, and answers the same as in process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { createToken } from '../../server/db/tokens';
import { defaultStaticPaths } from '../../server/static';
import { snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { fixedNow } from './service';

const repo = join(import.meta.dirname, '..', '..');

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`the service over HTTP on ${db.kind}`, () => {
    const root = mkdtempSync(join(tmpdir(), 'partnerskab-node-server-'));
    let drop: () => Promise<void>;
    let server: ServerType;
    let url: string;
    let app: ReturnType<typeof createApp>;
    const tokens: Record<'reader' | 'editor', string> = { reader: '', editor: '' };

    beforeAll(async () => {
      mkdirSync(join(root, 'addin'), { recursive: true });
      writeFileSync(join(root, 'addin', 'taskpane.html'), '<!doctype html><title>Partnerskab</title>');
      writeFileSync(join(root, 'manifest.xml'), '<OfficeApp/>');
      const created = await db.create();
      drop = created.drop;
      const { database } = created;
      for (const role of ['reader', 'editor'] as const) {
        tokens[role] = (await createToken(database.db, { name: `http-${role}`, role, now: fixedNow })).token;
      }
      app = createApp({
        db: database.db, database, auth: createAuth({ db: database.db }), clock: () => fixedNow, log: () => {},
        staticPaths: { addinDir: join(root, 'addin'), manifestPath: join(root, 'manifest.xml'), officeJsDir: defaultStaticPaths(repo).officeJsDir },
      });
      server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await drop?.();
      rmSync(root, { recursive: true, force: true });
    });

    const expectSecurityHeaders = (res: Response) => {
      const csp = res.headers.get('content-security-policy');
      expect(csp).toMatch(/^default-src 'self'; script-src 'self'; /);
      expect(csp).toMatch(/; frame-ancestors 'self' https:\/\/\*\.office\.com .*https:\/\/\*\.officeapps\.live\.com/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    };
    const get = (path: string, token?: string) => fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('sends them with JSON answers, errors and 404s, each answer keeping its own content type', async () => {
      const health = await get('/api/health');
      expect(health.status).toBe(200);
      expect(health.headers.get('content-type')).toMatch(/^application\/json/);
      expectSecurityHeaders(health);

      const unauthorised = await get('/api/snapshots');
      expect(unauthorised.status).toBe(401);
      expect(unauthorised.headers.get('www-authenticate')).toBe('Bearer');
      expectSecurityHeaders(unauthorised);

      const missing = await get('/api/nothing-here', tokens.reader);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not-found');
      expectSecurityHeaders(missing);
    });

    it('sends them with files the static routes answer with responses of their own', async () => {
      const html = await get('/addin/taskpane.html');
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await html.text()).toContain('Partnerskab');
      expectSecurityHeaders(html);
    });

    it('answers the district totals as the same UTF-8 JSON over HTTP as in process', async () => {
      const saved = await fetch(`${url}/api/snapshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.editor}`, 'content-type': 'application/json' },
        body: JSON.stringify(snapshotBody(workbook())),
      });
      expect(saved.status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const res = await get('/api/years/2025/districts', tokens.reader);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expectSecurityHeaders(res);
        const text = await res.text();
        expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
        expect(text).toContain('Nørrebro');
        const inProcess = await app.request('/api/years/2025/districts', { headers: { authorization: `Bearer ${tokens.reader}` } });
        expect(JSON.parse(text)).toEqual(await inProcess.json());
      }
    });
  });
}
