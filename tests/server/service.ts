/** A service under test: the app on a fresh database with a fixed clock and one token per role. */
import { createApp } from '../../server/app';
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

export async function startService(db: TestDatabase, limits?: { jsonBytes?: number; workbookBytes?: number }): Promise<TestService> {
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
