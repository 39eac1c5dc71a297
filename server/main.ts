/**
 * `npm start` (built into dist/server/main.mjs by scripts/build-server.ts): environment → database (migrated)
 * → first admin token if there is none → HTTP.
 * PORT (3000), HOST (127.0.0.1), DATA_DIR (./data) or DATABASE_URL, PUBLIC_URL, CORS_ORIGINS,
 * ENTRA_ISSUER + ENTRA_AUDIENCE + ENTRA_JWKS_URL (+ ENTRA_ROLE_CLAIM) for Microsoft 365 sign-on.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { createAuth, type EntraConfig } from './auth';
import { openDatabase } from './db/connect';
import { databaseOptionsFromEnv, describeDatabase } from './db/from-env';
import { countTokens, createToken } from './db/tokens';
import { defaultStaticPaths } from './static';

/** The checkout this runs from (server/main.ts, or dist/server/main.mjs when built): where package.json is. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}
const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function entraFromEnv(env: NodeJS.ProcessEnv): EntraConfig | undefined {
  const { ENTRA_ISSUER: issuer, ENTRA_AUDIENCE: audience, ENTRA_JWKS_URL: jwksUrl } = env;
  if (!issuer && !audience && !jwksUrl) return undefined;
  if (!issuer || !audience || !jwksUrl) {
    throw new Error('Microsoft 365 sign-on needs all of ENTRA_ISSUER, ENTRA_AUDIENCE and ENTRA_JWKS_URL (or none of them).');
  }
  return { issuer, audience, jwksUrl, roleClaim: env.ENTRA_ROLE_CLAIM || undefined };
}

/** Serves `app` on `port` (0: any free one) at `host`; resolves once it listens. */
function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({ server, port: info.port });
    });
    server.once('error', reject);
  });
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  const entra = entraFromEnv(env);
  const dbOptions = databaseOptionsFromEnv(env);
  const database = await openDatabase(dbOptions);

  if ((await countTokens(database.db)) === 0) {
    const { token } = await createToken(database.db, { name: 'admin', role: 'admin', now: new Date() });
    console.log(
      [
        '',
        `No access tokens exist yet in ${describeDatabase(dbOptions)}. A one-time admin token (shown only now):`,
        '',
        `  ${token}`,
        '',
        'Make tokens for others with it, e.g.:',
        `  curl -X POST ${publicUrl}/api/tokens -H "Authorization: Bearer <admin token>" -H "Content-Type: application/json" -d '{"name":"Økonomi","role":"editor"}'`,
        'or, with the service stopped: npm run cli -- token create --name "Økonomi" --role editor',
        '',
      ].join('\n'),
    );
  }

  const app = createApp({
    db: database.db,
    database,
    auth: createAuth({ db: database.db, entra }),
    clock: () => new Date(),
    log: (line) => console.log(line),
    staticPaths: defaultStaticPaths(repoRoot),
    publicUrl,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  });

  const { server, port: listening } = await listen(app, port, host);
  console.log(`Partnerskab service on http://${host}:${listening} (${database.kind}, schema ${database.schemaVersion}); task pane manifest at ${publicUrl}/manifest.xml`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close(() => {
      database.close().then(() => process.exit(0), () => process.exit(1));
    });
    // Keep-alive connections would hold close() open; don't wait for them forever.
    setTimeout(() => database.close().finally(() => process.exit(0)), 5_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`Partnerskab service could not start: ${error.message}`);
  process.exit(1);
});
