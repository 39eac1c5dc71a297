/** What every route gets: the app's dependencies and the caller (set by the auth middleware). */
import type { Context } from 'hono';
import type { ProgrammeConfig } from '../../shared/index';
import type { Auth, Principal } from '../auth';
import type { Database, Db } from '../db/connect';

export interface AppEnv {
  Variables: { principal: Principal };
}

export interface RouteDeps {
  db: Db;
  database: Pick<Database, 'kind' | 'schemaVersion' | 'ping'>;
  auth: Auth;
  clock: () => Date;
  config: ProgrammeConfig;
  limits: { jsonBytes: number; workbookBytes: number };
}

export type AppContext = Context<AppEnv>;
