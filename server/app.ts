/**
 * createApp(deps) → the Hono app: the whole service as a value, testable with app.request() and no network.
 * Routes parse input with zod, call one function, and shape the answer; SQL lives in server/db.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { copenhagen, type ProgrammeConfig } from '../shared/index';
import type { Auth } from './auth';
import type { Db, DatabaseKind } from './db/connect';
import { ReadCache } from './db/read-cache';
import { districtAnswers } from './district-answers';
import { fastAnswers, type FastAnswer } from './fast-answers';
import { authenticate } from './routes/access';
import { districtRoutes } from './routes/districts';
import type { AppEnv, RouteDeps } from './routes/env';
import { apiError } from './routes/errors';
import { exportRoutes } from './routes/exports';
import { healthRoutes } from './routes/health';
import { snapshotRoutes } from './routes/snapshots';
import { tokenRoutes } from './routes/tokens';
import { workbookRoutes } from './routes/workbooks';
import { requestLine } from './request-log';
import { checkInProcess, sharedSaveChecks, type SaveChecker } from './save-checks';
import { securityHeaders, staticRoutes, type StaticPaths } from './static';

export interface AppDeps {
  db: Db;
  database: { kind: DatabaseKind; schemaVersion: string };
  auth: Auth;
  clock: () => Date;
  config?: ProgrammeConfig;
  /** One line per request; never a token or a body. */
  log?: (line: string) => void;
  /** Where the task pane, manifest and office.js are; omitted = API only. */
  staticPaths?: StaticPaths;
  /** The URL the service is reached at, written into the manifest. */
  publicUrl?: string;
  /** Origins other than the service's own that may call the API from a browser. */
  corsOrigins?: string[];
  limits?: Partial<RouteDeps['limits']>;
  /** Where JSON saves are checked; by default in worker threads (PostgreSQL) or in this process (PGlite). */
  checkSave?: SaveChecker;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  return createService(deps).app;
}

/** The app, and the answers a Node server may give before it (server/node-listener.ts). */
export interface Service {
  app: Hono<AppEnv>;
  fastAnswer: FastAnswer;
}

export function createService(deps: AppDeps): Service {
  const log = deps.log ?? (() => {});
  const config = deps.config ?? copenhagen;
  // PGlite is opened by one process only (the data-dir lock), so this app sees every save.
  const reads = new ReadCache(deps.db, config, deps.database.kind === 'pglite');
  const answers = districtAnswers(reads);
  const routeDeps: RouteDeps = {
    db: deps.db,
    database: deps.database,
    auth: deps.auth,
    reads,
    answers,
    // On PostgreSQL a save's checks are half its CPU on the event loop: in worker threads, saves went from
    // 863–873/s to 1,010–1,057/s (bench probe, 50 connections). PGlite runs the database itself on the event
    // loop, and there the worker bought nothing (560 vs 550/s) and cost 65 MB of the embedded set-up's memory.
    checkSave: deps.checkSave ?? (deps.database.kind === 'postgresql' ? sharedSaveChecks(config) : checkInProcess(config)),
    clock: deps.clock,
    config,
    limits: { jsonBytes: 10 * 1024 * 1024, workbookBytes: 10 * 1024 * 1024, ...deps.limits },
  };
  const app = new Hono<AppEnv>();

  if (deps.log) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      log(requestLine(c.req.method, c.req.path, c.res.status, started));
    });
  }
  app.use(securityHeaders());
  if (deps.corsOrigins?.length) {
    const allowed = new Set(deps.corsOrigins);
    app.use('/api/*', cors({ origin: (o) => (allowed.has(o) ? o : null), allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  }

  app.onError((error, c) => {
    // Drizzle puts the driver's reason in `cause`; the first line of its own message is only "Failed query".
    const cause = error.cause instanceof Error ? ` (${error.cause.message.split('\n', 1)[0]})` : '';
    log(`error ${c.req.method} ${c.req.path}: ${error.message.split('\n', 1)[0]}${cause}`);
    return apiError(c, 500, 'internal', 'The service failed to answer this request; the error is in its log. Try again, or tell the administrator.');
  });
  app.notFound((c) => apiError(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}. See the README for the API.`));

  app.route('/api', healthRoutes(routeDeps));
  const api = new Hono<AppEnv>();
  api.use(authenticate(deps.auth));
  api.route('/', snapshotRoutes(routeDeps));
  api.route('/', workbookRoutes(routeDeps));
  api.route('/', districtRoutes(routeDeps));
  api.route('/', exportRoutes(routeDeps, (e) => log(`export failed: ${e.message.split('\n', 1)[0]}`)));
  api.route('/', tokenRoutes(routeDeps));
  app.route('/api', api);

  if (deps.staticPaths) app.route('/', staticRoutes(deps.staticPaths, deps.publicUrl ?? 'http://localhost:3000'));
  return { app, fastAnswer: fastAnswers({ auth: deps.auth, answers, log, cors: !!deps.corsOrigins?.length }) };
}
