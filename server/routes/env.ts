/** What every route gets: the app's dependencies and the caller (set by the auth middleware). */
import type { Context } from 'hono';
import type { Lang, ProgrammeConfig } from '../../shared/index';
import type { Auth, Principal } from '../auth';
import type { Database, Db } from '../db/connect';
import type { WorkerBounds } from '../worker-run';

export interface AppEnv {
  /** `lang`: the language of the answer's messages (server/routes/lang.ts); `principal`: the caller. */
  Variables: { principal: Principal; lang: Lang };
}

export interface RouteDeps {
  db: Db;
  database: Pick<Database, 'kind' | 'schemaVersion' | 'ping'>;
  auth: Auth;
  clock: () => Date;
  config: ProgrammeConfig;
  /** Body sizes allowed; `inlineCheckBytes`: JSON saves up to this size are checked in the request, larger ones in the check worker. */
  limits: { jsonBytes: number; workbookBytes: number; inlineCheckBytes: number };
  /** The check worker's time and memory limits (server/worker-run.ts defaultBounds where absent). */
  checkBounds?: Partial<WorkerBounds>;
}

export type AppContext = Context<AppEnv>;
