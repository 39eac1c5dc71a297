/**
 * The service's tables, one definition for PGlite and PostgreSQL (drizzle pg-core). Migrations in
 * ./migrations are generated from this file with `npx drizzle-kit generate --config server/db/drizzle.config.ts`.
 *
 * Only association-level figures are stored: the normalised rows of the core (never unknown columns,
 * never a cell that was flagged as personal data, since such a sheet is refused before storing).
 */
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['reader', 'editor', 'admin'] }).notNull(),
    /** sha256 of the token; the token itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('tokens_hash_key').on(t.hash)],
);

export const snapshots = pgTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    /** Insertion order: the clock is injected and may repeat, so "latest" is decided by this, not by time. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    year: integer('year').notNull(),
    model: text('model').notNull(),
    /** sha256 of shared/snapshot.ts canonicalSnapshot: the same content twice is the same snapshot. */
    hash: text('hash').notNull(),
    sourceWorkbook: text('source_workbook'),
    sourceSheets: jsonb('source_sheets').$type<string[]>().notNull(),
    basedOn: text('based_on'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    budgetRows: integer('budget_rows').notNull(),
    membershipRows: integer('membership_rows').notNull(),
    /** The validation report without its `data` (the rows live in their own tables). */
    report: jsonb('report').notNull(),
  },
  (t) => [
    uniqueIndex('snapshots_hash_key').on(t.hash),
    uniqueIndex('snapshots_seq_key').on(t.seq),
    index('snapshots_year_seq_idx').on(t.year, t.seq.desc()),
  ],
);

export const budgetRows = pgTable(
  'budget_rows',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    /** Row number in the sheet it came from (not part of the content hash). */
    row: integer('row').notNull(),
    /** The core's normaliseName(association): the key budget and membership rows are joined on. */
    associationKey: text('association_key').notNull(),
    association: text('association').notNull(),
    district: text('district'),
    localArea: text('local_area'),
    tier: text('tier'),
    grant: doublePrecision('grant'),
    cofinancing: doublePrecision('cofinancing'),
    hours: doublePrecision('hours'),
    salary: doublePrecision('salary'),
    agreementTerms: boolean('agreement_terms'),
    fundingSource: text('funding_source').notNull(),
    consultant: text('consultant'),
    since: integer('since'),
    year: integer('year'),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.row] }),
    // Budget and membership rows are joined on this within a snapshot (totals, export).
    index('budget_rows_snapshot_association_idx').on(t.snapshotId, t.associationKey),
  ],
);

export const membershipRows = pgTable(
  'membership_rows',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    row: integer('row').notNull(),
    associationKey: text('association_key').notNull(),
    association: text('association').notNull(),
    year: integer('year'),
    age0to12: doublePrecision('age_0_to_12'),
    age13to18: doublePrecision('age_13_to_18'),
    age19to24: doublePrecision('age_19_to_24'),
    under25: doublePrecision('under_25'),
    girls: doublePrecision('girls'),
    boys: doublePrecision('boys'),
    totalMembers: doublePrecision('total_members'),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.row] }),
    index('membership_rows_snapshot_association_idx').on(t.snapshotId, t.associationKey),
  ],
);

export type TokenRecord = typeof tokens.$inferSelect;
export type SnapshotRecord = typeof snapshots.$inferSelect;

