/** Bearer-token authentication for /api, and the role each route needs. */
import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Auth, type Role } from '../auth';
import type { AppEnv } from './env';
import { apiError } from './errors';

export function authenticate(auth: Auth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const result = await auth.authenticate(c.req.header('authorization'));
    if (!result.ok) {
      if (result.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return apiError(c, result.status, result.code, result.message);
    }
    c.set('principal', result.principal);
    await next();
  };
}

export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!roleAtLeast(principal.role, role)) {
      return apiError(c, 403, 'forbidden', `This needs the ${role} role; the token "${principal.name}" has ${principal.role}.`);
    }
    await next();
  };
}
