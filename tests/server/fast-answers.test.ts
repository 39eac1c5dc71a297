/**
 * The districts answer given before the framework (server/fast-answers.ts) must be the app's own answer,
 * byte for byte and header for header, and must never be given where the app would answer otherwise.
 */
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../server/app';
import { createAuth } from '../../server/auth';
import { createToken } from '../../server/db/tokens';
import { listen } from '../../server/node-listener';
import { associations2025, snapshotBody, workbook } from './fixtures';
import { testDatabases } from './databases';
import { fixedNow } from './service';

const districts = '/api/years/2025/districts';

for (const db of testDatabases) for (const corsOrigins of [[], ['https://consultants.example']]) {
  describe.skipIf(db.skip !== null)(`districts answered before the framework on ${db.kind}${corsOrigins.length ? ', with a CORS allow-list' : ''}`, () => {
    let drop: () => Promise<void>;
    let server: Server;
    let url: string;
    let service: Service;
    const fast: boolean[] = [];
    const logs: string[] = [];
    let clock = 1_000_000;
    const tokens = { reader: '', editor: '', admin: '', revoked: '' };

    beforeAll(async () => {
      const created = await db.create();
      drop = created.drop;
      const { database } = created;
      for (const role of ['reader', 'editor', 'admin'] as const) {
        tokens[role] = (await createToken(database.db, { name: `fast-${role}`, role, now: fixedNow })).token;
      }
      tokens.revoked = (await createToken(database.db, { name: 'fast-revoked', role: 'reader', now: fixedNow })).token;
      const auth = createAuth({ db: database.db, cacheMs: 5_000, now: () => clock });
      service = createService({
        db: database.db, database, auth, clock: () => fixedNow, log: (line) => logs.push(line), corsOrigins,
      });
      // Which requests the fast path took.
      const fastAnswer = service.fastAnswer;
      service.fastAnswer = (req, res) => {
        const took = fastAnswer(req, res);
        fast.push(took);
        return took;
      };
      const listening = await listen(service, 0, '127.0.0.1');
      server = listening.server;
      url = `http://127.0.0.1:${listening.port}`;
      const saved = await post(snapshotBody(workbook()));
      expect(saved.status).toBe(201);
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await drop?.();
    });

    const get = (path: string, token = tokens.reader, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const post = (json: unknown) =>
      fetch(`${url}/api/snapshots`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const taken = async (request: () => Promise<Response>) => {
      fast.length = 0;
      const res = await request();
      return { res, body: await res.text(), fast: fast.at(-1) };
    };
    const headersOf = (res: Response) => [...res.headers].filter(([name]) => name !== 'date');

    it('answers as the app does, once the app has answered the same request', async () => {
      const first = await taken(() => get(districts));
      const second = await taken(() => get(districts));
      expect(first.fast).toBe(false);
      expect(second.fast).toBe(true);
      expect(second.res.status).toBe(200);
      expect(second.body).toBe(first.body);
      expect(headersOf(second.res)).toEqual(headersOf(first.res));
      expect(JSON.parse(second.body).total.associations).toBe(21);
      // The request log has one line for each, in one form.
      expect(logs.filter((l) => l.startsWith(`GET ${districts} 200 `))).toHaveLength(2);
    });

    it('reads the token and the origin whatever the case of their header names', async () => {
      // fetch sends header names in lower case; other clients need not.
      const raw = (headers: Record<string, string>) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(`${url}${districts}`, { headers }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ status: res.statusCode!, body }));
          });
          req.on('error', reject).end();
        });
      const viaApp = await taken(() => get(districts));
      fast.length = 0;
      const upper = await raw({ AUTHORIZATION: `Bearer ${tokens.reader}` });
      expect({ fast: fast.at(-1), status: upper.status }).toEqual({ fast: true, status: 200 });
      expect(upper.body).toBe(viaApp.body);
      if (corsOrigins.length) {
        fast.length = 0;
        const cross = await raw({ Authorization: `Bearer ${tokens.reader}`, ORIGIN: 'https://consultants.example' });
        expect({ fast: fast.at(-1), status: cross.status }).toEqual({ fast: false, status: 200 });
      }
    });

    it('answers the newest snapshot at once after a save', async () => {
      const changed = associations2025(3);
      const saved = await post(snapshotBody(workbook(2025, changed), { force: true }));
      expect(saved.status).toBe(201);
      const id = (await saved.json()).snapshot.id;
      const after = await taken(() => get(districts));
      expect(after.fast).toBe(false);
      expect(JSON.parse(after.body).snapshot.id).toBe(id);
      const again = await taken(() => get(districts));
      expect(again.fast).toBe(true);
      expect(JSON.parse(again.body).snapshot.id).toBe(id);
    });

    it('leaves to the app what the app answers otherwise', async () => {
      await get(districts);
      const cases: Array<[string, () => Promise<Response>, number]> = [
        ['an unknown token', () => get(districts, 'pks_unknown'), 401],
        ['no token', () => fetch(`${url}${districts}`), 401],
        ['a query', () => get(`${districts}?snapshot=not-a-uuid`), 400],
        ['a year without snapshots', () => get('/api/years/2031/districts'), 404],
        ['HEAD', () => fetch(`${url}${districts}`, { method: 'HEAD', headers: { authorization: `Bearer ${tokens.reader}` } }), 200],
      ];
      for (const [what, request, status] of cases) {
        const r = await taken(request);
        expect({ what, fast: r.fast, status: r.res.status }).toEqual({ what, fast: false, status });
      }
      if (corsOrigins.length) {
        const cors = await taken(() => get(districts, tokens.reader, { origin: 'https://consultants.example' }));
        expect(cors.fast).toBe(false);
        expect(cors.res.headers.get('access-control-allow-origin')).toBe('https://consultants.example');
      }
    });

    it('does not answer for a token revoked through the API, nor once a look-up is older than the cache allows', async () => {
      await get(districts, tokens.revoked);
      expect((await taken(() => get(districts, tokens.revoked))).fast).toBe(true);
      const revoked = await fetch(`${url}/api/tokens/fast-revoked`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } });
      expect(revoked.status).toBe(200);
      const refused = await taken(() => get(districts, tokens.revoked));
      expect({ fast: refused.fast, status: refused.res.status }).toEqual({ fast: false, status: 401 });

      await get(districts);
      expect((await taken(() => get(districts))).fast).toBe(true);
      clock += 5_001;
      const expired = await taken(() => get(districts));
      expect({ fast: expired.fast, status: expired.res.status }).toEqual({ fast: false, status: 200 });
    });
  });
}
