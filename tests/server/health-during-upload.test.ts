/**
 * The service answers /api/health while it works on the largest and most hostile uploads and JSON saves:
 * over HTTP, the built service as `npm start` runs it (dist/server/main.mjs in a process of its own, its
 * reads and checks in dist/server/check-worker.mjs), a health request sent after the upload gets its answer
 * before the upload's answer arrives, on both databases. (How long health waits, and the memory after, are
 * measured by `npx tsx bench/upload-health.ts`, not asserted here.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { snapshotBody, workbook } from './fixtures';
import { createPostgresDatabase, testDatabases } from './databases';
import { largeMembershipXlsx, underDeclaredXlsx } from './large-workbooks';
import { adminToken, startMain, stopMain, type MainProcess } from './main-process';

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`health during a large upload on ${db.kind}`, () => {
    let drop: () => Promise<void> = async () => {};
    let service: MainProcess | undefined;
    let url: string;
    let token: string;

    beforeAll(async () => {
      if (db.kind === 'postgresql') {
        const created = await createPostgresDatabase();
        drop = created.drop;
        service = startMain({ DATABASE_URL: created.url });
      } else {
        const dataDir = mkdtempSync(join(tmpdir(), 'partnerskab-health-'));
        drop = async () => rmSync(dataDir, { recursive: true, force: true });
        service = startMain({ DATA_DIR: dataDir, DATABASE_URL: '' });
      }
      url = await service.ready;
      const admin = adminToken(service.output());
      expect(admin, service.output()).toBeDefined();
      const made = await fetch(`${url}/api/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'health-editor', role: 'editor' }),
      });
      expect(made.status, service.output()).toBe(201);
      token = ((await made.json()) as { token: string }).token;
    });
    afterAll(async () => {
      if (service) await stopMain(service.child);
      await drop();
    });

    /** Sends `post`, then asks for health until it has an answer; the order the two answers arrived in. */
    async function healthDuring(post: () => Promise<Response>): Promise<{ order: string[]; status: number; body: { error?: { code: string; reason?: string } } }> {
      const order: string[] = [];
      const upload = post().then(async (res) => {
        order.push('upload');
        return { status: res.status, body: await res.json() };
      });
      const health = await fetch(`${url}/api/health`);
      order.push(`health ${health.status}`);
      const answer = await upload;
      return { order, ...answer };
    }

    const upload = (bytes: Buffer) => () =>
      fetch(`${url}/api/workbooks`, { method: 'POST', body: new Uint8Array(bytes), headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_TYPE } });

    it('answers health while a 50,000-row membership sheet is read and validated', async () => {
      const result = await healthDuring(upload(largeMembershipXlsx(50_000)));
      expect(result.order).toEqual(['health 200', 'upload']);
      // The report; or, on a machine too loaded to finish within the worker's 30 s, the refusal that says so.
      if (result.status !== 200) expect(result).toMatchObject({ status: 400, body: { error: { code: 'unreadable-workbook', reason: 'too-slow' } } });
    });

    it('answers health while a zip that under-declares its sheet is read', async () => {
      const result = await healthDuring(upload(underDeclaredXlsx(40)));
      expect(result.order).toEqual(['health 200', 'upload']);
      expect(result.status).toBeLessThan(500);
    });

    it('answers health while a 9 MB JSON save is checked', async () => {
      const wb = workbook(2025);
      wb.sheets.push({ name: 'Noter', values: Array.from({ length: 150_000 }, (_v, i) => [`Note ${i + 1}`, 'Aftalt med foreningen', i]) });
      const body = JSON.stringify(snapshotBody(wb));
      expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
      const result = await healthDuring(() => fetch(`${url}/api/snapshots`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }));
      expect(result.order).toEqual(['health 200', 'upload']);
      expect(result.status).toBe(201);
    });
  });
}
