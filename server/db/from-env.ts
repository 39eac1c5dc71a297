/** Which database the environment names: DATABASE_URL (PostgreSQL) or else PGlite in DATA_DIR (default ./data). */
import { resolve } from 'node:path';
import type { DatabaseOptions } from './connect';

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must be a postgres:// URL (or leave it unset to use the embedded database in DATA_DIR).');
    }
    return { kind: 'postgresql', url };
  }
  return { kind: 'pglite', dataDir: resolve(env.DATA_DIR?.trim() || './data') };
}

export function describeDatabase(options: DatabaseOptions): string {
  return options.kind === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${options.dataDir}`;
}
