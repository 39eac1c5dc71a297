/**
 * PGlite runs inside the service's process: its buffer pool, and the memory V8 spends compiling its
 * WebAssembly, are part of the service's resident memory (server/db/connect.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../../server/db/connect';
import { root, startFlags } from '../../../scripts/build-server';

/** Resident MB in the thread arenas of a fresh process that opened PGlite (pglite-arenas-child.ts). */
function arenaMb(how: 'service' | 'bare'): number {
  const child = spawnSync(
    process.execPath,
    [...startFlags(), '--import', 'tsx', join(root, 'tests', 'server', 'db', 'pglite-arenas-child.ts'), ...(how === 'bare' ? ['bare'] : [])],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  if (child.status !== 0) throw new Error(`pglite-arenas-child (${how}) exited with ${child.status ?? child.signal}: ${child.stderr}`);
  return (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { arenaMb: number }).arenaMb;
}

describe('PGlite as the service opens it', () => {
  it('runs with an 8 MB buffer pool, not its default 128 MB', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      const [row] = rowsOf<{ shared_buffers: string }>(await database.db.execute(sql`show shared_buffers`));
      expect(row.shared_buffers).toBe('8MB');
    } finally {
      await database.close();
    }
  });

  // Measured 8-11 MB (most of it tsx's loader thread) against 44-45 MB for PGlite opened bare, whose hot
  // functions V8 tiers up to TurboFan on its worker thread.
  it.skipIf(!existsSync('/proc/self/smaps'))('keeps TurboFan, and the malloc arena it leaves behind, away from its WebAssembly', () => {
    const service = arenaMb('service');
    const bare = arenaMb('bare');
    expect(bare - service).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
