/**
 * `npm run cli -- token create|list|revoke`: manages service tokens directly in the database that
 * DATA_DIR / DATABASE_URL name (admins can do the same over the API, POST/GET/DELETE /api/tokens).
 */
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../db/connect';
import { databaseOptionsFromEnv, describeDatabase } from '../db/from-env';
import { createToken, listTokens, revokeToken, roles, TokenNameTakenError, type Role } from '../db/tokens';
import { processIo, type CliIo } from './io';
import { tokenUsage } from './usage';

const usage = `Usage: npm run --silent cli -- ${tokenUsage}`;

export async function runTokenCommand(args: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, role: { type: 'string' }, silent: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  if (values.help || sub === undefined) {
    io.out(usage);
    return sub === undefined ? 2 : 0;
  }
  if (!['create', 'list', 'revoke'].includes(sub)) {
    io.err(`token: unknown subcommand "${sub}". ${usage}`);
    return 2;
  }
  const name = typeof values.name === 'string' ? values.name.trim() : positionals[0]?.trim();
  const role = typeof values.role === 'string' ? values.role : 'reader';
  if (sub === 'create' && (!name || !roles.includes(role as Role))) {
    io.err(!name ? `token create needs --name NAME. ${usage}` : `token create: --role must be one of ${roles.join(', ')}, not "${role}".`);
    return 2;
  }
  if (sub === 'revoke' && !name) {
    io.err(`token revoke needs the token's name or id. ${usage}`);
    return 2;
  }

  let options;
  let database: Database;
  try {
    options = databaseOptionsFromEnv(env);
    database = await openDatabase(options);
  } catch (error) {
    io.err(`token: could not open the database: ${(error as Error).message}`);
    return 1;
  }
  try {
    if (sub === 'create') {
      const { token, info } = await createToken(database.db, { name: name!, role: role as Role, now: new Date() });
      if (values.silent) io.out(token);
      else {
        io.out(`Created ${info.role} token "${info.name}" in ${describeDatabase(options)}. It is shown only this once:\n\n  ${token}\n\nUse it as: Authorization: Bearer <token>`);
      }
      return 0;
    }
    if (sub === 'list') {
      const list = await listTokens(database.db);
      if (list.length === 0) io.out('No tokens.');
      for (const t of list) {
        io.out(`${t.name}\t${t.role}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\tcreated ${t.createdAt}\t${t.id}`);
      }
      return 0;
    }
    const revoked = await revokeToken(database.db, name!, new Date());
    if (!revoked) {
      io.err(`token revoke: no active token named or with id "${name}" (see: token list).`);
      return 1;
    }
    io.out(`Revoked token "${revoked.name}" (${revoked.role}).`);
    return 0;
  } catch (error) {
    if (error instanceof TokenNameTakenError) {
      io.err(`token create: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
