/** Admins manage tokens over the API as with `npm run cli -- token …`. */
import { Hono } from 'hono';
import { z } from 'zod';
import { textField } from '../api-issues';
import { createToken, listTokens, revokeToken, roles, TokenNameTakenError } from '../db/tokens';
import { messages } from '../messages';
import { requireRole } from './access';
import type { AppEnv, RouteDeps } from './env';
import { apiError, langOf } from './errors';
import { jsonBody, limitBody, params } from './input';

/** A token's name is stored, listed and shown as the sender of every version it saves. */
const tokenName = textField(100, { min: 1, trim: true });

const createSchema = z.object({
  name: tokenName,
  role: z.enum(roles),
});

/** A name or an id: the same rule as a name, so nothing hostile reaches the database or the answer. */
const revokeParams = z.object({ idOrName: textField(100, { min: 1, orId: true }) });

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
      if (error instanceof TokenNameTakenError) return apiError(c, 409, 'token-name-taken', messages.tokenNameTaken[langOf(c)](body.value.name));
      throw error;
    }
  });

  app.delete('/tokens/:idOrName', async (c) => {
    const p = params(c, revokeParams);
    if (!p.ok) return p.response;
    const revoked = await revokeToken(deps.db, p.value.idOrName, deps.clock());
    if (!revoked) return apiError(c, 404, 'not-found', messages.noToken404[langOf(c)](p.value.idOrName));
    return c.json({ token: revoked });
  });
  return app;
}
