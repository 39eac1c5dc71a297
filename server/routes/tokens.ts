/** Admins manage tokens over the API as with `npm run cli -- token …`. */
import { Hono } from 'hono';
import { z } from 'zod';
import { createToken, listTokens, revokeToken, roles, TokenNameTakenError } from '../db/tokens';
import { requireRole } from './access';
import type { AppEnv, RouteDeps } from './env';
import { apiError } from './errors';
import { jsonBody, limitBody } from './input';

const createSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles),
});

export function tokenRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/tokens', requireRole('admin'));
  app.use('/tokens/*', requireRole('admin'));

  app.get('/tokens', async (c) => c.json({ tokens: await listTokens(deps.db) }));

  app.post('/tokens', limitBody(16 * 1024), async (c) => {
    const body = await jsonBody(c, createSchema);
    if (!body.ok) return body.response;
    try {
      const { token, info } = await createToken(deps.db, { ...body.value, now: deps.clock() });
      return c.json({ token, ...info }, 201);
    } catch (error) {
      if (error instanceof TokenNameTakenError) return apiError(c, 409, 'token-name-taken', error.message);
      throw error;
    }
  });

  app.delete('/tokens/:idOrName', async (c) => {
    const revoked = await revokeToken(deps.db, c.req.param('idOrName'), deps.clock());
    if (!revoked) return apiError(c, 404, 'not-found', `No active token is named or has the id "${c.req.param('idOrName')}".`);
    return c.json({ token: revoked });
  });
  return app;
}
