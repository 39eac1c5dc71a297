/** A service under test: the app on a fresh database with a fixed clock and one token per role. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type AppDeps } from '../../server/app';
import { createAuth } from '../../server/auth';
import type { Database } from '../../server/db/connect';
import { createToken, type Role } from '../../server/db/tokens';
import type { TestDatabase } from './databases';

export const fixedNow = new Date('2026-03-01T12:00:00.000Z');

export interface TestService {
  app: ReturnType<typeof createApp>;
  database: Database;
  tokens: Record<Role, string>;
  logs: string[];
  request(path: string, init?: RequestInit & { token?: Role | string | null; json?: unknown }): Promise<Response>;
  drop(): Promise<void>;
}

export async function startService(db: TestDatabase, limits?: AppDeps['limits'], checkBounds?: AppDeps['checkBounds']): Promise<TestService> {
  const { database, drop } = await db.create();
  const tokens = {} as Record<Role, string>;
  for (const role of ['reader', 'editor', 'admin'] as const) {
    tokens[role] = (await createToken(database.db, { name: `test-${role}`, role, now: fixedNow })).token;
  }
  const logs: string[] = [];
  const app = createApp({
    db: database.db,
    database,
    auth: createAuth({ db: database.db }),
    clock: () => fixedNow,
    log: (line) => logs.push(line),
    limits,
    checkBounds,
  });
  return {
    app,
    database,
    tokens,
    logs,
    async request(path, init = {}) {
      const { token = 'editor', json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token in tokens ? tokens[token as Role] : token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return app.request(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    drop,
  };
}

/** The app over HTTP, as `npm start` serves it (@hono/node-server), on a free port of 127.0.0.1. */
export async function serveOverHttp(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
