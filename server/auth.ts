/**
 * Who is calling: a service token (`Authorization: Bearer pks_…`) looked up by its hash, or — when
 * configured — a Microsoft Entra ID access token (a JWT checked for signature, issuer, audience and expiry,
 * with the role taken from a claim). Roles are ordered: reader < editor < admin.
 */
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Db } from './db/connect';
import { findActiveToken, hashToken, roles, TOKEN_PREFIX, type Role } from './db/tokens';

export type { Role };

export interface Principal {
  /** The token's name, or the Entra user; stored as the sender of a snapshot. */
  name: string;
  role: Role;
  via: 'token' | 'entra';
}

/** Why a caller is refused; server/routes/access.ts words it in the caller's language (server/messages.ts). */
export type AuthRefusal =
  | { status: 401; code: 'unauthorised'; reason: 'no-token' | 'unknown-token' | 'sign-on-expired' | 'sign-on-invalid' }
  | { status: 403; code: 'forbidden'; reason: 'no-role'; claim: string };

export type AuthResult = { ok: true; principal: Principal } | ({ ok: false } & AuthRefusal);

export interface Auth {
  authenticate(authorization: string | undefined): Promise<AuthResult>;
  /**
   * authenticate, and a read for the route: for a service token the read goes in the token's own statement
   * (server/db/caller-reads.ts), one round trip to the database instead of two; for a Microsoft 365 token it
   * runs once the token is checked. `value` only when the caller is let in.
   */
  authenticateAlong<T>(authorization: string | undefined, read: ReadAlong<T>): Promise<{ result: AuthResult; value?: T }>;
}

/** A read that can be made with the token's look-up (withToken, given the token's hash) or on its own. */
export interface ReadAlong<T> {
  withToken(tokenHash: string): Promise<{ token: { name: string; role: Role } | null; value: T }>;
  alone(): Promise<T>;
}

export interface EntraConfig {
  issuer: string;
  audience: string;
  /** The tenant's JWKS URL, e.g. https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys. */
  jwksUrl?: string;
  /** A key set given directly (tests). */
  keys?: JWTVerifyGetKey;
  /** The claim that carries the app roles; Entra ID puts app roles in `roles`. */
  roleClaim?: string;
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

/** "Partnerskab.Editor", "editor", "Admin" → the highest role named; null when none is. */
export function roleFromClaim(value: unknown): Role | null {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  let best: Role | null = null;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const last = v.split('.').pop()!.toLowerCase() as Role;
    if (roles.includes(last) && (best === null || roleAtLeast(last, best))) best = last;
  }
  return best;
}

const unauthorised = (reason: Extract<AuthRefusal, { status: 401 }>['reason']): AuthResult => ({ ok: false, status: 401, code: 'unauthorised', reason });

/** The token in an `Authorization: Bearer <token>` header, or null. */
function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

export interface AuthOptions {
  db: Db;
  entra?: EntraConfig;
}

export function createAuth(options: AuthOptions): Auth {
  const { db, entra } = options;
  if (entra && !entra.keys && !entra.jwksUrl) throw new Error('Entra ID sign-on needs a JWKS URL (ENTRA_JWKS_URL).');
  // jose is loaded with the first Microsoft 365 token, not at start: a service used with its own tokens never needs it.
  let remoteKeys: JWTVerifyGetKey | undefined;

  // Looked up on every request, so a token revoked on any instance is refused at once.
  const serviceResult = (found: { name: string; role: Role } | null): AuthResult =>
    found ? { ok: true, principal: { name: found.name, role: found.role, via: 'token' } } : unauthorised('unknown-token');

  async function serviceToken(token: string): Promise<AuthResult> {
    return serviceResult(await findActiveToken(db, token));
  }

  async function entraToken(token: string): Promise<AuthResult> {
    const { createRemoteJWKSet, jwtVerify } = await import('jose');
    const getKey = entra!.keys ?? (remoteKeys ??= createRemoteJWKSet(new URL(entra!.jwksUrl!)));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, { issuer: entra!.issuer, audience: entra!.audience }));
    } catch (error) {
      // jose's own text is for developers; the caller is told whether it expired or is not for this service.
      return unauthorised((error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'sign-on-expired' : 'sign-on-invalid');
    }
    const role = roleFromClaim(payload[entra!.roleClaim ?? 'roles']);
    if (!role) {
      return { ok: false, status: 403, code: 'forbidden', reason: 'no-role', claim: entra!.roleClaim ?? 'roles' };
    }
    const name = [payload.preferred_username, payload.upn, payload.name, payload.sub].find((v) => typeof v === 'string' && v) as string;
    return { ok: true, principal: { name: name ?? 'entra', role, via: 'entra' } };
  }

  async function authenticate(authorization: string | undefined): Promise<AuthResult> {
    const token = bearerToken(authorization);
    if (token === null) return unauthorised('no-token');
    if (token.startsWith(TOKEN_PREFIX)) return serviceToken(token);
    if (entra && token.split('.').length === 3) return entraToken(token);
    return unauthorised('unknown-token');
  }

  return {
    authenticate,
    async authenticateAlong(authorization, read) {
      const token = bearerToken(authorization);
      if (token !== null && token.startsWith(TOKEN_PREFIX)) {
        const { token: found, value } = await read.withToken(hashToken(token));
        const result = serviceResult(found);
        return result.ok ? { result, value } : { result };
      }
      const result = await authenticate(authorization);
      return result.ok ? { result, value: await read.alone() } : { result };
    },
  };
}
