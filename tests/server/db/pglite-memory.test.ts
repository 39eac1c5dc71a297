/**
 * PGlite runs inside the service's process and sets its whole buffer pool up at start, so the pool's size is
 * part of the service's resident memory for good (server/db/connect.ts says why 16 MB).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../../server/db/connect';

describe('PGlite as the service opens it', () => {
  it('runs with a 16 MB buffer pool, not PostgreSQL’s default 128 MB', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      const [row] = rowsOf<{ shared_buffers: string }>(await database.db.execute(sql`show shared_buffers`));
      expect(row.shared_buffers).toBe('16MB');
    } finally {
      await database.close();
    }
  });
});
