/** Bearer-token authentication for /api, and the role each route needs; refusals in the caller's language. */
import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Auth, type AuthRefusal, type Role } from '../auth';
import { messages, shown } from '../messages';
import type { AppEnv } from './env';
import { apiError, langOf } from './errors';

function refusalMessage(r: AuthRefusal, lang: 'da' | 'en'): string {
  switch (r.reason) {
    case 'no-token':
      return messages.noToken[lang]();
    case 'unknown-token':
      return messages.unknownToken[lang]();
    case 'sign-on-expired':
    case 'sign-on-invalid':
      return messages.signOnRejected[lang](r.reason === 'sign-on-expired');
    case 'no-role':
      return messages.signOnNoRole[lang](r.claim);
  }
}

export function authenticate(auth: Auth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const result = await auth.authenticate(c.req.header('authorization'));
    if (!result.ok) {
      if (result.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return apiError(c, result.status, result.code, refusalMessage(result, langOf(c)));
    }
    c.set('principal', result.principal);
    await next();
  };
}

export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!roleAtLeast(principal.role, role)) {
      return apiError(c, 403, 'forbidden', messages.forbidden[langOf(c)](role, shown(principal.name), principal.role));
    }
    await next();
  };
}
