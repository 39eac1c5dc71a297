/**
 * createApp(deps) → the Hono app: the whole service as a value, testable with app.request() and no network,
 * and what `npm start` serves through @hono/node-server (server/main.ts), with nothing in front of it.
 * Routes parse input with zod, call one function, and shape the answer; SQL lives in server/db.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { copenhagen, type ProgrammeConfig } from '../shared/index';
import type { Auth } from './auth';
import { defaultInlineCheckBytes } from './check-in-worker';
import type { Database, Db } from './db/connect';
import { unavailableReason } from './db/unavailable';
import { messages, shown } from './messages';
import { requestLog } from './request-log';
import { authenticate } from './routes/access';
import { districtRoutes, yearDistrictsRoutes } from './routes/districts';
import type { AppEnv, RouteDeps } from './routes/env';
import { apiError, langOf } from './routes/errors';
import { exportRoutes } from './routes/exports';
import { healthRoutes } from './routes/health';
import { chooseLang } from './routes/lang';
import { snapshotRoutes } from './routes/snapshots';
import { tokenRoutes } from './routes/tokens';
import { workbookRoutes } from './routes/workbooks';
import { securityHeaders, staticRoutes, type StaticPaths } from './static';

export interface AppDeps {
  db: Db;
  database: Pick<Database, 'kind' | 'schemaVersion' | 'ping'>;
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
  /** The time and memory limits of the worker that checks saves and uploads; defaults 30 s, 768 MB. */
  checkBounds?: RouteDeps['checkBounds'];
}

const firstLine = (error: Error) => error.message.split('\n', 1)[0];

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? (() => {});
  const routeDeps: RouteDeps = {
    db: deps.db,
    database: deps.database,
    auth: deps.auth,
    clock: deps.clock,
    config: deps.config ?? copenhagen,
    limits: { jsonBytes: 10 * 1024 * 1024, workbookBytes: 10 * 1024 * 1024, inlineCheckBytes: defaultInlineCheckBytes, ...deps.limits },
    checkBounds: deps.checkBounds,
  };
  const app = new Hono<AppEnv>();

  if (deps.log) app.use(requestLog(log));
  app.use(securityHeaders());
  app.use(chooseLang());
  if (deps.corsOrigins?.length) {
    const allowed = new Set(deps.corsOrigins);
    app.use('/api/*', cors({ origin: (o) => (allowed.has(o) ? o : null), allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  }

  app.onError((error, c) => {
    // Drizzle puts the driver's reason in `cause`; the first line of its own message is only "Failed query".
    const cause = error.cause instanceof Error ? ` (${firstLine(error.cause)})` : '';
    log(`error ${c.req.method} ${c.req.path}: ${firstLine(error)}${cause}`);
    const reason = unavailableReason(error);
    if (reason) {
      c.header('Retry-After', '5');
      return apiError(c, 503, 'database-unavailable', messages.databaseUnavailable[langOf(c)](reason));
    }
    return apiError(c, 500, 'internal', messages.internal[langOf(c)]());
  });
  // The path is repeated only when it is clean text that holds nothing like a CPR number.
  app.notFound((c) => apiError(c, 404, 'not-found', messages.noRoute[langOf(c)](c.req.method, shown(c.req.path, 200))));

  app.route('/api', healthRoutes(routeDeps, log));
  // Ahead of the auth middleware: it authenticates with its read, in one statement (routes/districts.ts).
  app.route('/api', yearDistrictsRoutes(routeDeps));
  const api = new Hono<AppEnv>();
  api.use(authenticate(deps.auth));
  api.route('/', snapshotRoutes(routeDeps));
  api.route('/', workbookRoutes(routeDeps));
  api.route('/', districtRoutes(routeDeps));
  api.route('/', exportRoutes(routeDeps, (e) => log(`export failed: ${firstLine(e)}`)));
  api.route('/', tokenRoutes(routeDeps));
  app.route('/api', api);

  if (deps.staticPaths) app.route('/', staticRoutes(deps.staticPaths, deps.publicUrl ?? 'http://localhost:3000'));
  return app;
}
