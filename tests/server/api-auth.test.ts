import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { workbook, snapshotBody } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

const journal = JSON.parse(readFileSync(new URL('../../server/db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: Array<{ tag: string }>;
};

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`access on ${db.kind}`, () => {
    let s: TestService;
    beforeAll(async () => {
      s = await startService(db);
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('answers health without a token, naming the database and the schema version', async () => {
      const res = await s.request('/api/health', { token: null });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', database: db.kind, schemaVersion: journal.entries.at(-1)!.tag });
    });

    it('refuses every other route without a token, with a wrong token and with a malformed header', async () => {
      for (const path of ['/api/snapshots', '/api/years/2025/districts', '/api/tokens', '/api/years/2025/membership.csv']) {
        const none = await s.request(path, { token: null });
        expect(none.status, path).toBe(401);
        expect(none.headers.get('www-authenticate')).toBe('Bearer');
        expect((await none.json()).error.code).toBe('unauthorised');
      }
      const wrong = await s.request('/api/snapshots', { token: 'pks_not-a-token' });
      expect(wrong.status).toBe(401);
      const basic = await s.request('/api/snapshots', { token: null, headers: { authorization: `Basic ${s.tokens.admin}` } });
      expect(basic.status).toBe(401);
      const posted = await s.request('/api/snapshots', { token: null, method: 'POST', json: snapshotBody(workbook()) });
      expect(posted.status).toBe(401);
      expect((await (await s.request('/api/snapshots', { token: 'reader' })).json()).snapshots).toEqual([]);
    });

    it('lets each role do its own and no more', async () => {
      const body = snapshotBody(workbook());
      const matrix: Array<[string, string, string, number]> = [
        ['reader', 'GET', '/api/snapshots', 200],
        ['reader', 'POST', '/api/snapshots', 403],
        ['reader', 'GET', '/api/tokens', 403],
        ['editor', 'POST', '/api/snapshots', 201],
        ['editor', 'GET', '/api/years/2025/districts', 200],
        ['editor', 'GET', '/api/tokens', 403],
        ['editor', 'POST', '/api/tokens', 403],
        ['admin', 'GET', '/api/tokens', 200],
        ['admin', 'POST', '/api/snapshots', 200],
      ];
      for (const [role, method, path, status] of matrix) {
        const res = await s.request(path, { token: role, method, json: method === 'POST' ? (path === '/api/tokens' ? { name: 'x', role: 'reader' } : body) : undefined });
        expect(res.status, `${role} ${method} ${path}`).toBe(status);
        if (status === 403) expect((await res.json()).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining(role) });
      }
    });

    it('lets an admin create, list and revoke tokens; a revoked token stops working at once', async () => {
      const created = await s.request('/api/tokens', { token: 'admin', method: 'POST', json: { name: 'Økonomi', role: 'editor' } });
      expect(created.status).toBe(201);
      const { token, id, name, role } = await created.json();
      expect(token).toMatch(/^pks_[A-Za-z0-9_-]{43}$/);
      expect({ name, role }).toEqual({ name: 'Økonomi', role: 'editor' });

      const again = await s.request('/api/tokens', { token: 'admin', method: 'POST', json: { name: 'Økonomi', role: 'reader' } });
      expect(again.status).toBe(409);

      expect((await s.request('/api/snapshots', { token })).status).toBe(200);
      const list = await (await s.request('/api/tokens', { token: 'admin' })).json();
      const listed = list.tokens.find((t: { id: string }) => t.id === id);
      expect(listed).toMatchObject({ name: 'Økonomi', role: 'editor', revokedAt: null });
      expect(JSON.stringify(list)).not.toContain(token);
      expect(Object.keys(listed).sort()).toEqual(['createdAt', 'id', 'name', 'revokedAt', 'role']);

      const revoked = await s.request(`/api/tokens/${encodeURIComponent('Økonomi')}`, { token: 'admin', method: 'DELETE' });
      expect(revoked.status).toBe(200);
      expect((await revoked.json()).token.revokedAt).not.toBeNull();
      const after = await s.request('/api/snapshots', { token });
      expect(after.status).toBe(401);
      expect((await after.json()).error.message).toMatch(/tilbagekaldt/);
      expect((await s.request('/api/tokens/nobody', { token: 'admin', method: 'DELETE' })).status).toBe(404);
      // An id is an id, though its random digits may read as a CPR number (711911067: 07-11-91 without its zero).
      expect((await s.request('/api/tokens/94bc5c2d-f489-44fc-b6bb-711911067b00', { token: 'admin', method: 'DELETE' })).status).toBe(404);
      // The same digits as a name are refused, naming the field.
      expect((await s.request('/api/tokens/Kasper%20711911067', { token: 'admin', method: 'DELETE' })).status).toBe(400);
    });

    it('validates token requests', async () => {
      const bad = await s.request('/api/tokens', { token: 'admin', method: 'POST', json: { name: '', role: 'boss' } });
      expect(bad.status).toBe(400);
      const body = await bad.json();
      expect(body.error.code).toBe('invalid-body');
      expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'role']);
    });

    it('logs one line per request with method, path, status and time, never a token or a body', async () => {
      s.logs.length = 0;
      await s.request('/api/snapshots?year=2025', { token: 'reader' });
      await s.request('/api/snapshots', { token: 'editor', method: 'POST', json: snapshotBody(workbook()) });
      expect(s.logs).toHaveLength(2);
      expect(s.logs[0]).toMatch(/^GET \/api\/snapshots 200 \d+\.\dms$/);
      expect(s.logs[1]).toMatch(/^POST \/api\/snapshots 20[01] \d+\.\dms$/);
      for (const t of Object.values(s.tokens)) expect(s.logs.join('\n')).not.toContain(t);
      expect(s.logs.join('\n')).not.toContain('Brønshøj');
    });

    it('answers unknown routes with 404 JSON and sends the security headers', async () => {
      const res = await s.request('/api/nothing-here', { token: 'reader' });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not-found');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://*.office.com");
      expect(res.headers.get('x-frame-options')).toBeNull();
    });
  });
}
