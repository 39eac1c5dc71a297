/** What every route gets: the app's dependencies and the caller (set by the auth middleware). */
import type { Context } from 'hono';
import type { ProgrammeConfig } from '../../shared/index';
import type { Auth, Principal } from '../auth';
import type { Db, DatabaseKind } from '../db/connect';
import type { ReadCache } from '../db/read-cache';
import type { DistrictAnswers } from '../district-answers';
import type { SaveChecker } from '../save-checks';

export interface AppEnv {
  Variables: { principal: Principal };
}

export interface RouteDeps {
  db: Db;
  database: { kind: DatabaseKind; schemaVersion: string };
  auth: Auth;
  reads: ReadCache;
  /** The districts answers, per snapshot. */
  answers: DistrictAnswers;
  /** Checks a JSON save's body (server/save-checks.ts). */
  checkSave: SaveChecker;
  clock: () => Date;
  config: ProgrammeConfig;
  limits: { jsonBytes: number; workbookBytes: number };
}

export type AppContext = Context<AppEnv>;
