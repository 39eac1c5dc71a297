/**
 * The service answers /api/health while it works on the largest and most hostile uploads and JSON saves:
 * over HTTP, as `npm start` serves it, a health request sent after the upload gets its answer before the
 * upload's answer arrives, on both databases. (How long health waits, and the memory after, are measured by
 * `npx tsx bench/upload-health.ts`, not asserted here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { createToken } from '../../server/db/tokens';
import { XLSX_TYPE } from '../../server/routes/workbooks';
import { snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { largeMembershipXlsx, underDeclaredXlsx } from './large-workbooks';
import { fixedNow, serveOverHttp } from './service';

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`health during a large upload on ${db.kind}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let url: string;
    let token: string;

    beforeAll(async () => {
      const created = await db.create();
      drop = created.drop;
      const { database } = created;
      token = (await createToken(database.db, { name: 'health-editor', role: 'editor', now: fixedNow })).token;
      const app = createApp({ db: database.db, database, auth: createAuth({ db: database.db }), clock: () => fixedNow });
      const served = await serveOverHttp(app);
      url = served.url;
      close = served.close;
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
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
