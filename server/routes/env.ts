/** What every route gets: the app's dependencies and the caller (set by the auth middleware). */
import type { Context } from 'hono';
import type { ProgrammeConfig } from '../../shared/index';
import type { Auth, Principal } from '../auth';
import type { Db, DatabaseKind } from '../db/connect';
import type { ReadCache } from '../db/read-cache';

export interface AppEnv {
  Variables: { principal: Principal };
}

export interface RouteDeps {
  db: Db;
  database: { kind: DatabaseKind; schemaVersion: string };
  auth: Auth;
  reads: ReadCache;
  clock: () => Date;
  config: ProgrammeConfig;
  limits: { jsonBytes: number; workbookBytes: number };
}

export type AppContext = Context<AppEnv>;
