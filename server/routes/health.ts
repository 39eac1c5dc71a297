import { Hono } from 'hono';
import type { HealthAnswer } from '../../shared/wire';
import { unavailableReason } from '../db/unavailable';
import { messages } from '../messages';
import type { AppEnv, RouteDeps } from './env';
import { langOf } from './errors';

/**
 * GET /api/health — no token: load balancers and the task pane's "is the service there" check. It asks the
 * database (a trivial query with a short timeout, server/db/connect.ts), so a service that cannot reach its
 * database says so with 503 and the reason instead of "ok".
 */
export function healthRoutes(deps: RouteDeps, log: (line: string) => void): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/health', async (c) => {
    const about = { database: deps.database.kind, schemaVersion: deps.database.schemaVersion };
    try {
      await deps.database.ping();
      return c.json({ status: 'ok', ...about } satisfies HealthAnswer);
    } catch (error) {
      log(`health: the database does not answer: ${(error as Error).message.split('\n', 1)[0]}`);
      const reason = unavailableReason(error) ?? 'failing';
      const answer: HealthAnswer = {
        status: 'unavailable',
        ...about,
        error: { code: 'database-unavailable', message: messages.databaseUnavailable[langOf(c)](reason) },
      };
      return c.json(answer, 503, { 'Retry-After': '5' });
    }
  });
}
