/**
 * On PostgreSQL built with lz4 (Debian's is), a snapshot's rows and report are stored lz4-compressed: every
 * connection of the service's pool sets it, not only the one that migrated.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../../server/db/connect';
import { ReadCache } from '../../../server/db/read-cache';
import { saveSnapshot } from '../../../server/save-snapshot';
import { copenhagen } from '../../../shared/index';
import { createPostgresDatabase, testDatabases } from '../databases';
import { associations2025, workbook } from '../fixtures';

const postgres = testDatabases.find((d) => d.kind === 'postgresql')!;
if (postgres.skip) console.warn(`SKIPPING toast-compression: ${postgres.skip}`);

describe.skipIf(postgres.skip !== null)('snapshot compression on PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const made = await createPostgresDatabase();
    drop = made.drop;
    database = await openDatabase({ kind: 'postgresql', url: made.url, poolSize: 3 });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('stores a snapshot lz4-compressed where the server has lz4, on every connection of the pool', async () => {
    const [{ lz4 }] = rowsOf<{ lz4: boolean }>(
      await database.db.execute(sql`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`),
    );
    // Three statements that each hold a connection for a moment make the pool open all three.
    const settings = await Promise.all(
      [1, 2, 3].map(async () =>
        rowsOf<{ setting: string; pid: number }>(
          await database.db.execute(sql`select current_setting('default_toast_compression') as setting, pg_backend_pid() as pid from pg_sleep(0.1)`),
        )[0],
      ),
    );
    expect(new Set(settings.map((s) => s.pid)).size).toBe(3);
    for (const s of settings) expect(s.setting).toBe(lz4 ? 'lz4' : 'pglz');

    const outcome = await saveSnapshot(
      database.db,
      new ReadCache(database.db, copenhagen, false),
      { workbook: workbook(2025, associations2025()), options: {}, source: { workbook: 'x.xlsx', sheets: [] }, basedOn: null, force: false, sender: 'test', now: new Date() },
      copenhagen,
    );
    expect(outcome.kind).toBe('created');
    const stored = rowsOf<{ budget: string | null; membership: string | null }>(
      await database.db.execute(sql`select pg_column_compression(budget) as budget, pg_column_compression(membership) as membership from snapshots`),
    );
    expect(stored).toEqual([{ budget: lz4 ? 'lz4' : 'pglz', membership: lz4 ? 'lz4' : 'pglz' }]);
  });
});
