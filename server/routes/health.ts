import { Hono } from 'hono';
import type { AppEnv, RouteDeps } from './env';

/** GET /api/health — no token: load balancers and the task pane's "is the service there" check. */
export function healthRoutes(deps: RouteDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/health', (c) =>
    c.json({ status: 'ok', database: deps.database.kind, schemaVersion: deps.database.schemaVersion }),
  );
}
