/**
 * `npm run cli -- token create|list|revoke`: manages service tokens directly in the database that
 * DATA_DIR / DATABASE_URL name (admins can do the same over the API, POST/GET/DELETE /api/tokens).
 */
import { openDatabase, type Database, type DatabaseOptions } from '../db/connect';
import { DataDirLockedError } from '../db/data-dir-lock';
import { databaseOptionsFromEnv } from '../db/from-env';
import { createToken, listTokens, revokeToken, roles, TokenNameTakenError, type Role } from '../db/tokens';
import { textProblem, describeTextProblem } from '../../shared/text-safety';
import type { Lang } from '../../shared/schemas';
import { parseCommandArgs, type OptionSpec } from './args';
import { UsageError, type CliContext } from './io';
import { textTable } from './text-table';

const subcommands = ['create', 'list', 'revoke'] as const;
type Sub = (typeof subcommands)[number];
const MAX_NAME = 100;

function describeDatabase(options: DatabaseOptions, lang: Lang): string {
  if (options.kind === 'postgresql') return 'PostgreSQL (DATABASE_URL)';
  return lang === 'da' ? `den indbyggede database i ${options.dataDir}` : `the embedded database in ${options.dataDir}`;
}

/** Where the service answers, for the lines that send a person to its API. */
function serviceUrl(env: NodeJS.ProcessEnv): string {
  const pub = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  return pub || `http://localhost:${env.PORT?.trim() || '3000'}`;
}

/** A token name as the API takes it: trimmed, 1–100 characters, text that every store and format can hold. */
function checkName(raw: string, { w, lang }: CliContext): string {
  const name = raw.trim();
  if (name === '') throw new UsageError(w.tokenNeedsName);
  if (name.length > MAX_NAME) throw new UsageError(w.tokenNameTooLong(name.length));
  const problem = textProblem(name, MAX_NAME);
  if (problem) throw new UsageError(`token: ${describeTextProblem(problem, '--name', lang)}`);
  return name;
}

function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export async function runTokenCommand(args: string[], ctx: CliContext): Promise<number> {
  const { io, w, lang, env } = ctx;
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.out(w.tokenHelp);
    return 0;
  }
  if (sub === undefined) throw new UsageError(w.tokenNoSub);
  if (!subcommands.includes(sub as Sub)) throw new UsageError(w.tokenUnknownSub(sub));
  const command = `token ${sub}`;
  const spec: Record<string, OptionSpec> = sub === 'create'
    ? { name: { type: 'string', value: 'name' }, role: { type: 'string', value: 'role' }, silent: { type: 'boolean' } }
    : {};
  const { values, positionals, help } = parseCommandArgs(command, rest, spec, w);
  if (help) {
    io.out(w.tokenHelp);
    return 0;
  }
  const opts = values as { name?: string; role?: string; silent?: boolean };
  let name = '';
  let role: Role = 'reader';
  if (sub === 'create') {
    // `token create Økonomi` as well as `--name Økonomi`.
    if (opts.name !== undefined && positionals.length > 0) throw new UsageError(w.tokenExtra(sub, positionals[0]));
    if (positionals.length > 1) throw new UsageError(w.tokenExtra(sub, positionals[1]));
    const raw = opts.name ?? positionals[0];
    if (raw === undefined) throw new UsageError(w.tokenNeedsName);
    name = checkName(raw, ctx);
    if (opts.role !== undefined && !roles.includes(opts.role as Role)) throw new UsageError(w.tokenBadRole(opts.role));
    role = (opts.role as Role | undefined) ?? 'reader';
  } else if (sub === 'revoke') {
    if (positionals.length === 0 || positionals[0].trim() === '') throw new UsageError(w.tokenRevokeNeedsName);
    if (positionals.length > 1) throw new UsageError(w.tokenExtra(sub, positionals[1]));
    name = positionals[0].trim();
    const problem = textProblem(name, MAX_NAME * 2);
    if (problem) throw new UsageError(`token: ${describeTextProblem(problem, lang === 'da' ? 'navnet' : 'the name', lang)}`);
  } else if (positionals.length > 0) {
    throw new UsageError(w.tokenExtra(sub, positionals[0]));
  }

  let options: DatabaseOptions;
  try {
    options = databaseOptionsFromEnv(env);
  } catch {
    io.err(`token: ${w.tokenDbBadUrl}`);
    return 2;
  }
  const where = describeDatabase(options, lang);
  let database: Database;
  try {
    database = await openDatabase(options);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.err(w.tokenDbLocked(sub, error.dataDir ?? (options.kind === 'pglite' ? String(options.dataDir) : ''), error.holderPid ?? null, serviceUrl(env)));
    } else {
      const e = error as NodeJS.ErrnoException;
      io.err(w.tokenDbFailed(where, typeof e?.code === 'string' ? e.code : ''));
    }
    return 1;
  }
  try {
    if (sub === 'create') {
      try {
        const { token, info } = await createToken(database.db, { name, role, now: new Date() });
        io.out(opts.silent ? token : w.tokenCreated(info.role, info.name, where, token));
        return 0;
      } catch (error) {
        if (error instanceof TokenNameTakenError) {
          io.err(w.tokenNameTaken(name));
          return 1;
        }
        throw error;
      }
    }
    if (sub === 'list') {
      const list = await listTokens(database.db);
      if (list.length === 0) {
        io.out(w.tokenListEmpty(where));
        return 0;
      }
      const rows = list.map((t) => [t.name, t.role, t.revokedAt ? w.tokenRevokedAt(minute(t.revokedAt)) : w.tokenActive, minute(t.createdAt), t.id]);
      io.out(textTable(w.tokenListHeader, rows, { rightAligned: () => false }).join('\n'));
      return 0;
    }
    const revoked = await revokeToken(database.db, name, new Date());
    if (!revoked) {
      io.err(w.tokenNotFound(name));
      return 1;
    }
    io.out(w.tokenRevoked(revoked.name, revoked.role));
    return 0;
  } finally {
    await database.close();
  }
}
