/**
 * Migration 0002 moves a snapshot's rows from the budget_rows / membership_rows tables into the snapshot
 * and puts views of the same names in their place. A database made before it must read the same afterwards.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, rowsOf, type Db } from '../../../server/db/connect';
import { membershipOfYear, snapshotRows } from '../../../server/db/snapshots';
import * as schema from '../../../server/db/schema';
import { copenhagen, modelForYear, summarise } from '../../../shared/index';
import { createPostgresDatabase, testDatabases } from '../databases';

/** The migrations folder as it was before `tag`: the history an older service had applied. */
function historyBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'partnerskab-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

interface Opened {
  db: Db;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function open(kind: 'pglite' | 'postgresql'): Promise<Opened> {
  if (kind === 'pglite') {
    const client = await PGlite.create();
    const db = drizzlePglite(client, { schema });
    return { db: db as unknown as Db, migrate: (folder) => migratePglite(db, { migrationsFolder: folder }), close: () => client.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Db,
    migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
    close: async () => {
      await pool.end();
      await drop();
    },
  };
}

const oldHistory = historyBefore('0002_rows_in_snapshot');
afterAll(() => rmSync(oldHistory, { recursive: true, force: true }));

for (const t of testDatabases) {
  describe.skipIf(t.skip !== null)(`migrations 0002 (rows into the snapshot), 0003 (a line per year) and 0004 (reverts) on ${t.kind}`, () => {
    it('carries the rows of a snapshot stored in the old tables over, and the views read them as the tables did', async () => {
      const o = await open(t.kind);
      try {
        await o.migrate(oldHistory);
        const id = '00000000-0000-4000-8000-000000000001';
        await o.db.execute(sql`
          insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report)
          values (${id}, 2025, 'model-2025', 'h1', 'Partnerskaber.xlsx', '["Budget"]'::jsonb, null, 'Økonomi', '2026-03-01T12:00:00Z', 2, 3, '{"ok":true}'::jsonb)`);
        // An older snapshot with no rows at all: it gets empty lists, not nulls.
        await o.db.execute(sql`
          insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report)
          values ('00000000-0000-4000-8000-000000000000', 2024, 'model-2025', 'h0', null, '[]'::jsonb, null, 'Økonomi', '2026-01-01T12:00:00Z', 0, 0, '{}'::jsonb)`);
        // A later 2025 snapshot: migration 0003 makes it follow the first (parent_id).
        await o.db.execute(sql`
          insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at, budget_rows, membership_rows, report)
          values ('00000000-0000-4000-8000-000000000002', 2025, 'model-2025', 'h2', null, '[]'::jsonb, ${id}, 'Økonomi', '2026-03-02T12:00:00Z', 0, 0, '{}'::jsonb)`);
        await o.db.execute(sql`
          insert into budget_rows (snapshot_id, row, association_key, association, district, local_area, tier, "grant", cofinancing, hours, salary, agreement_terms, funding_source, consultant, since, year)
          values (${id}, 4, 'bkunion', 'BK Union', 'Nørrebro', null, 'standard', 250000, 50000.5, 25, null, true, 'varige-midler', null, 2019, 2025),
                 (${id}, 3, 'fremadvalby', 'Fremad Valby', 'Valby', 'Valby', 'udvidet', 400000, 100000, 37, 410000, null, 'varige-midler', null, null, 2025)`);
        await o.db.execute(sql`
          insert into membership_rows (snapshot_id, row, association_key, association, year, age_0_to_12, age_13_to_18, age_19_to_24, under_25, girls, boys, total_members)
          values (${id}, 2, 'fremadvalby', 'Fremad Valby', 2025, 100, 50, 10, 160, null, null, 500),
                 (${id}, 3, 'bkunion', 'BK Union', 2025, 60, 40, 12, 112, 50, 62, 400),
                 (${id}, 4, 'ukendt', 'Ukendt Forening', 2025, 1, 2, 3, 6, null, null, null)`);

        await o.migrate(migrationsFolder);

        const rows = await snapshotRows(o.db, id);
        expect(rows.budget).toEqual([
          { row: 3, association: 'Fremad Valby', district: 'Valby', localArea: 'Valby', tier: 'udvidet', grant: 400000, cofinancing: 100000, hours: 37, salary: 410000, agreementTerms: null, fundingSource: 'varige-midler', consultant: null, since: null, year: 2025 },
          { row: 4, association: 'BK Union', district: 'Nørrebro', localArea: null, tier: 'standard', grant: 250000, cofinancing: 50000.5, hours: 25, salary: null, agreementTerms: true, fundingSource: 'varige-midler', consultant: null, since: 2019, year: 2025 },
        ]);
        expect(rows.membership.map((m) => [m.row, m.association, m.under25, m.girls, m.totalMembers])).toEqual([
          [2, 'Fremad Valby', 160, null, 500], [3, 'BK Union', 112, 50, 400], [4, 'Ukendt Forening', 6, null, null],
        ]);
        expect(await snapshotRows(o.db, '00000000-0000-4000-8000-000000000000')).toEqual({ budget: [], membership: [] });
        expect((await membershipOfYear(o.db, 2025))?.rows).toEqual([
          { association: 'Fremad Valby', under25: 160 }, { association: 'BK Union', under25: 112 }, { association: 'Ukendt Forening', under25: 6 },
        ]);

        const totals = summarise(rows.budget, rows.membership, modelForYear(2025), copenhagen);
        expect(totals.districts.map((d) => [d.district, d.associations, d.grant, d.membersUnder25])).toEqual([
          ['Nørrebro', 1, 250000, 112], ['Valby', 1, 400000, 160], ['Uden bydel', 1, 0, 6],
        ]);
        // The member without a budget row is an association of the programme too, in no bydel.
        expect(totals.total).toMatchObject({ associations: 3, extended: 1, grant: 650000, cofinancing: 150000.5, membersUnder25: 278 });

        const parents = rowsOf(await o.db.execute(sql`select id, parent_id from snapshots order by seq`));
        expect(parents).toEqual([
          { id, parent_id: null },
          { id: '00000000-0000-4000-8000-000000000000', parent_id: null },
          { id: '00000000-0000-4000-8000-000000000002', parent_id: id },
        ]);

        // The views have the tables' columns, for anyone who queried them with SQL.
        const viewRows = rowsOf(await o.db.execute(sql`select snapshot_id, row, association_key, "grant" from budget_rows order by row`));
        expect(viewRows).toEqual([
          { snapshot_id: id, row: 3, association_key: 'fremadvalby', grant: 400000 },
          { snapshot_id: id, row: 4, association_key: 'bkunion', grant: 250000 },
        ]);
      } finally {
        await o.close();
      }
    });

    it('keeps every snapshot stored before 0004 and then lets a year hold the same content twice', async () => {
      const o = await open(t.kind);
      const before = historyBefore('0004_revertible_snapshots');
      try {
        await o.migrate(before);
        const insert = (id: string, hash: string, parent: string | null) => o.db.execute(sql`
          insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, parent_id, created_by, created_at,
                                 budget_rows, membership_rows, report, budget, membership)
          values (${id}, 2025, 'model-2025', ${hash}, null, '[]'::jsonb, ${parent}, ${parent}, 'Økonomi', now(), 0, 0, '{}', '[]', '[]')`);
        await insert('a', 'hash-a', null);
        await insert('b', 'hash-b', 'a');
        // Before 0004 the content hash was unique: going back to A's figures could not be stored.
        await expect(insert('c', 'hash-a', 'b')).rejects.toThrow();
        await o.migrate(migrationsFolder);
        await insert('c', 'hash-a', 'b');
        const stored = rowsOf(await o.db.execute(sql`select id, hash, parent_id from snapshots order by seq`));
        expect(stored).toEqual([
          { id: 'a', hash: 'hash-a', parent_id: null },
          { id: 'b', hash: 'hash-b', parent_id: 'a' },
          { id: 'c', hash: 'hash-a', parent_id: 'b' },
        ]);
        // The year stays one line: a second snapshot on top of B is still refused by the database.
        await expect(insert('d', 'hash-d', 'b')).rejects.toThrow();
      } finally {
        rmSync(before, { recursive: true, force: true });
        await o.close();
      }
    });
  });
}
