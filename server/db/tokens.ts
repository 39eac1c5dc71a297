/** Access tokens: random, shown once, stored as sha256 hashes. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './connect';
import { preparedOn } from './prepared';
import { tokens, type TokenRecord } from './schema';

export const roles = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Public view of a token: never the hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** The prefix makes a leaked token recognisable (secret scanners, logs) and tells it from a JWT. */
export const TOKEN_PREFIX = 'pks_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function info(r: TokenRecord): TokenInfo {
  return { id: r.id, name: r.name, role: r.role, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null };
}

export class TokenNameTakenError extends Error {
  override name = 'TokenNameTakenError';
}

export async function createToken(db: Db, input: { name: string; role: Role; now: Date }): Promise<{ token: string; info: TokenInfo }> {
  const [taken] = await db
    .select({ id: tokens.id })
    .from(tokens)
    .where(and(eq(tokens.name, input.name), isNull(tokens.revokedAt)));
  if (taken) throw new TokenNameTakenError(`An active token is already named "${input.name}". Revoke it first or choose another name.`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(tokens)
    .values({ id: randomUUID(), name: input.name, role: input.role, hash: hashToken(token), createdAt: input.now })
    .returning();
  return { token, info: info(row) };
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  const rows = await db.select().from(tokens).orderBy(asc(tokens.createdAt), asc(tokens.name));
  return rows.map(info);
}

/** Revokes the active token with this id or name; null when there is none. */
export async function revokeToken(db: Db, idOrName: string, now: Date): Promise<TokenInfo | null> {
  const [row] = await db
    .update(tokens)
    .set({ revokedAt: now })
    .where(and(or(eq(tokens.id, idOrName), eq(tokens.name, idOrName)), isNull(tokens.revokedAt)))
    .returning();
  return row ? info(row) : null;
}

/** Every API request looks its token up (a token revoked on any instance is refused at once). */
const activeByHash = preparedOn((db) =>
  db.select().from(tokens).where(and(eq(tokens.hash, sql.placeholder('hash')), isNull(tokens.revokedAt))).prepare('active_token_by_hash'),
);

/** The active token with this secret, or null. */
export async function findActiveToken(db: Db, token: string): Promise<TokenInfo | null> {
  const [row] = await activeByHash(db).execute({ hash: hashToken(token) });
  return row ? info(row) : null;
}

export async function countTokens(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tokens);
  return row.n;
}
