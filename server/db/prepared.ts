/**
 * Statements a request makes every time, prepared once per database: drizzle otherwise builds the SQL text
 * anew for each request, and PostgreSQL parses and plans it anew (a named statement is planned once per
 * connection). Only the statements are kept, never what they read: each call reads the database.
 */
import type { Db } from './connect';

export function preparedOn<T>(prepare: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let statements = prepared.get(db);
    if (!statements) prepared.set(db, (statements = prepare(db)));
    return statements;
  };
}
