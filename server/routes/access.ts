/** Bearer-token authentication for /api, and the role each route needs; refusals in the caller's language. */
import type { Context, MiddlewareHandler } from 'hono';
import { roleAtLeast, type Auth, type AuthRefusal, type AuthResult, type ReadAlong, type Role } from '../auth';
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

/** The caller's refusal, or null once `principal` is set. */
function admit(c: Context<AppEnv>, result: AuthResult): Response | null {
  if (!result.ok) {
    if (result.status === 401) c.header('WWW-Authenticate', 'Bearer');
    return apiError(c, result.status, result.code, refusalMessage(result, langOf(c)));
  }
  c.set('principal', result.principal);
  return null;
}

export function authenticate(auth: Auth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refused = admit(c, await auth.authenticate(c.req.header('authorization')));
    if (refused) return refused;
    await next();
  };
}

/**
 * What authenticate() does, in a route mounted ahead of it (server/app.ts) whose read goes with the token's
 * look-up: the same refusals, the same principal, and the read's value once the caller is let in.
 */
export async function authenticatedRead<T>(c: Context<AppEnv>, auth: Auth, read: ReadAlong<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const { result, value } = await auth.authenticateAlong(c.req.header('authorization'), read);
  const refused = admit(c, result);
  return refused ? { ok: false, response: refused } : { ok: true, value: value as T };
}

/** authenticate() in such a route, where it must refuse before it answers anything else (a bad path, say). */
export async function authenticated(c: Context<AppEnv>, auth: Auth): Promise<Response | null> {
  return admit(c, await auth.authenticate(c.req.header('authorization')));
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
